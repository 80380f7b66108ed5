/**
 * The estate as a small graph, built from the review's model: pipelines and
 * their stages, apps with their formation, add-ons, attachments and domains,
 * each marked with what the change does to it. `render-mermaid.ts` draws it.
 *
 * Labels are names and settings (an app's name, a plan, a hostname), read
 * through the masked model: no config value is ever a label, so a diagram
 * cannot show a secret.
 */
import { ChangeAction, ResourceChange, StackPlan, existsOn, plainAt } from "./plan-model";
import { Side, appNameOn } from "./resource-facts";

/** What the change does to a node; `unchanged` for the estate as it is. */
export type GraphState = "create" | "update" | "replace" | "destroy" | "unchanged";

export const GRAPH_STATES: readonly GraphState[] = ["create", "update", "replace", "destroy", "unchanged"];

export type NodeKind = "app" | "formation" | "addon" | "attachment" | "domain" | "coupling" | "count";

export interface GraphNode {
  /** Unique within the graph (`production:heroku_app.app`); renderers make their own ids. */
  readonly key: string;
  readonly kind: NodeKind;
  /** Plain text: renderers escape it. */
  readonly label: string;
  readonly state: GraphState;
  /** For a `count` node: how many it stands for. */
  readonly count?: number;
}

/** An app and what hangs on it: formation, add-ons, attachments, domains, a changed coupling. */
export interface AppCluster {
  readonly app: GraphNode;
  readonly parts: readonly GraphNode[];
}

/** A pipeline, one of its stages, or a stack's apps outside any pipeline. */
export interface GraphGroup {
  readonly key: string;
  readonly title: string;
  /** A pipeline's own change; `unchanged` for stages and stacks. */
  readonly state: GraphState;
  readonly apps: readonly AppCluster[];
  /** Nodes of the group itself: apps counted instead of drawn, parts whose app is not in the estate. */
  readonly nodes: readonly GraphNode[];
  readonly groups: readonly GraphGroup[];
}

/** An add-on attached to an app: from the add-on's node to the attachment's. */
export interface GraphLink {
  readonly from: string;
  readonly to: string;
}

export interface EstateGraph {
  readonly groups: readonly GraphGroup[];
  /** Outside every group: with `changedOnly`, the apps of the groups left out, counted. */
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
}

export interface EstateGraphOptions {
  /**
   * Only the apps something happens to, and of those only the changed parts,
   * the others counted: the picture a review of a large estate can afford.
   */
  readonly changedOnly?: boolean;
}

/** Unchanged add-ons, attachments or domains an app shows one by one; beyond this many they are counted. */
export const FEW = 3;

/** Heroku's stages, in the order a release moves through them. */
const STAGE_ORDER = ["review", "development", "staging", "production"];

const STATE_OF: Record<Exclude<ChangeAction, "read">, GraphState> = { create: "create", update: "update", replace: "replace", delete: "destroy", "no-op": "unchanged" };

const PART_KINDS: Readonly<Record<string, NodeKind>> = {
  heroku_formation: "formation",
  heroku_addon: "addon",
  heroku_addon_attachment: "attachment",
  heroku_domain: "domain",
};

/** How a counted part kind reads: `2 add-ons unchanged`. */
const COUNTED: Readonly<Record<string, readonly [string, string]>> = {
  app: ["app", "apps"],
  formation: ["process type", "process types"],
  addon: ["add-on", "add-ons"],
  attachment: ["attachment", "attachments"],
  domain: ["domain", "domains"],
};

interface Located {
  readonly stack: StackPlan;
  readonly change: ResourceChange;
}

const keyOf = (stack: string, address: string): string => `${stack}:${address}`;

/** The side a resource is described from: after the change, unless the change destroys it (internal helper). */
function sideOf(change: ResourceChange): Side {
  return existsOn(change, "after") ? "after" : "before";
}

/** One attribute as label text, or `fallback` when it is masked, unknown or absent (internal helper). */
function text(change: ResourceChange, side: Side, path: string, fallback: string): string {
  const value = plainAt(change, side, path);
  return value === undefined || value === null ? fallback : String(value);
}

/** What a node shows of its resource on one side (internal helper). */
function describe(change: ResourceChange, side: Side): string {
  switch (change.type) {
    case "heroku_app":
      return `${appNameOn(change, side)} · ${text(change, side, "region", "?")}`;
    case "heroku_formation":
      return `${text(change, side, "type", change.name)}: ${text(change, side, "size", "?")} × ${text(change, side, "quantity", "?")}`;
    case "heroku_addon":
      return text(change, side, "plan", change.address);
    case "heroku_addon_attachment":
      return `attachment ${text(change, side, "name", change.name)}`;
    case "heroku_domain":
      return text(change, side, "hostname", change.address);
    case "heroku_pipeline":
      return text(change, side, "name", change.address);
    default:
      return change.address;
  }
}

/**
 * A node's label: what an update or a replacement changes shows as `before →
 * after`, the words both sides share written once (`worker: standard-1x × 1 → 2`)
 * (internal helper).
 */
function label(change: ResourceChange): string {
  const after = describe(change, sideOf(change));
  if (change.action !== "update" && change.action !== "replace") return after;
  const before = describe(change, "before");
  if (before === after) return after;
  let shared = 0;
  while (shared < before.length && before[shared] === after[shared]) shared++;
  const cut = Math.max(before.lastIndexOf(" ", shared - 1), before.lastIndexOf(":", shared - 1)) + 1;
  return `${before} → ${after.slice(cut)}`;
}

/** A resource as a node, labelled and marked with what the change does to it (internal helper). */
function node(key: string, kind: NodeKind, change: ResourceChange): GraphNode {
  return { key, kind, label: label(change), state: STATE_OF[change.action as keyof typeof STATE_OF] };
}

/** Resolves the app a part belongs to, in its own stack or another (internal helper). */
function appFinder(apps: readonly Located[]): (located: Located) => string | undefined {
  const byName = new Map<string, string>();
  const byStack = new Map<string, string[]>();
  for (const { stack, change } of apps) {
    const key = keyOf(stack.name, change.address);
    for (const side of ["before", "after"] as const) if (existsOn(change, side)) byName.set(appNameOn(change, side), key);
    append(byStack, stack.name, key);
  }
  return ({ stack, change }) => {
    if (change.app) return keyOf(stack.name, change.app);
    const foreign = change.foreignApp;
    if (!foreign) return undefined;
    if ("name" in foreign) return byName.get(foreign.name);
    if (foreign.address) return keyOf(foreign.stack, foreign.address);
    // A plan's cross-stack reference names the stack only: its app, when it has one.
    const candidates = byStack.get(foreign.stack) ?? [];
    return candidates.length === 1 ? candidates[0] : undefined;
  };
}

/** Where an app is drawn: its pipeline and stage, from its coupling after the change (else before). */
interface Placement {
  readonly pipeline: string;
  readonly stage: string;
}

/** `3 add-ons unchanged` (internal helper). */
function countNode(key: string, kind: string, count: number): GraphNode {
  const [one, many] = COUNTED[kind];
  return { key, kind: "count", label: `${count} ${count === 1 ? one : many} unchanged`, state: "unchanged", count };
}

/**
 * An app's parts as drawn: every changed part, the unchanged ones too while
 * there are few of their kind, else counted (internal helper).
 */
function shownParts(appKey: string, parts: readonly GraphNode[], changedOnly: boolean): GraphNode[] {
  const shown: GraphNode[] = [];
  for (const kind of ["coupling", "formation", "addon", "attachment", "domain"] as const) {
    const ofKind = parts.filter((p) => p.kind === kind);
    const unchanged = ofKind.filter((p) => p.state === "unchanged");
    const limit = changedOnly ? 0 : kind === "formation" ? Infinity : FEW;
    if (ofKind.length <= limit || unchanged.length === 0) shown.push(...ofKind);
    else shown.push(...ofKind.filter((p) => p.state !== "unchanged"), countNode(`${appKey}#${kind}`, kind, unchanged.length));
  }
  return shown;
}

const changed = (cluster: AppCluster): boolean => cluster.app.state !== "unchanged" || cluster.parts.some((p) => p.state !== "unchanged");

/** A group of apps as drawn; with `changedOnly`, the unchanged apps counted (internal helper). */
function group(key: string, title: string, state: GraphState, clusters: readonly AppCluster[], loose: readonly GraphNode[], changedOnly: boolean): GraphGroup {
  const apps = changedOnly ? clusters.filter(changed) : clusters;
  const counted = clusters.length - apps.length;
  const nodes = [...loose, ...(counted > 0 ? [countNode(`${key}#apps`, "app", counted)] : [])];
  return { key, title, state, apps, nodes, groups: [] };
}

/** The apps a group counts instead of drawing, its subgroups' included (internal helper). */
function countedApps(g: GraphGroup): number {
  const own = g.nodes.filter((n) => n.key.endsWith("#apps")).reduce((sum, n) => sum + (n.count ?? 0), 0);
  return own + g.groups.reduce((sum, sub) => sum + countedApps(sub), 0);
}

/** Appends an item to the list under `key` (internal helper). */
function append<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** Does the group draw anything that changes? (internal helper) */
function hasChanges(g: GraphGroup): boolean {
  return g.state !== "unchanged" || g.apps.some(changed) || g.nodes.some((n) => n.state !== "unchanged") || g.groups.some(hasChanges);
}

/** The graph of every stack of the model: pipelines first, then each stack's apps outside a pipeline. */
export function estateGraph(stacks: readonly StackPlan[], options: EstateGraphOptions = {}): EstateGraph {
  const changedOnly = options.changedOnly === true;
  const all: Located[] = stacks.flatMap((stack) => stack.changes.filter((c) => c.action !== "read").map((change) => ({ stack, change })));
  const apps = all.filter((l) => l.change.type === "heroku_app");
  const appOf = appFinder(apps);

  const parts = new Map<string, GraphNode[]>(apps.map((l) => [keyOf(l.stack.name, l.change.address), []]));
  const loose = new Map<string, GraphNode[]>();
  const links: GraphLink[] = [];
  const placements = new Map<string, Placement>();
  const pipelines = new Map<string, { readonly name: string; readonly state: GraphState }>();
  for (const { stack, change } of all.filter((l) => l.change.type === "heroku_pipeline")) {
    const name = `${label(change)}${stack.orphaned ? " (orphaned)" : ""}`;
    pipelines.set(keyOf(stack.name, change.address), { name, state: STATE_OF[change.action as keyof typeof STATE_OF] });
  }
  for (const located of all) {
    const { stack, change } = located;
    const key = keyOf(stack.name, change.address);
    const kind = change.type === "heroku_pipeline_coupling" ? "coupling" : PART_KINDS[change.type];
    if (!kind) continue;
    const app = appOf(located);
    if (kind === "coupling") {
      const pipeline = change.references.find((r) => r.startsWith("heroku_pipeline."));
      const stage = text(change, sideOf(change), "stage", "no stage");
      if (app && pipeline && (existsOn(change, "after") || !placements.has(app))) placements.set(app, { pipeline: keyOf(stack.name, pipeline), stage });
      if (app && change.action === "no-op") continue;
      const pipelineName = (pipeline && pipelines.get(keyOf(stack.name, pipeline))?.name) ?? "a pipeline";
      const coupling = { ...node(key, "coupling", change), label: `stage ${stage} of ${pipelineName}` };
      if (app && parts.has(app)) append(parts, app, coupling);
      else append(loose, stack.name, { ...coupling, label: `${coupling.label} (${change.address}, app not in the estate)` });
      continue;
    }
    const part = node(key, kind, change);
    if (app && parts.has(app)) append(parts, app, part);
    else append(loose, stack.name, { ...part, label: `${part.label} (${change.address}, app not in the estate)` });
    if (kind === "attachment") {
      const addon = change.references.find((r) => r.startsWith("heroku_addon."));
      if (addon) links.push({ from: keyOf(stack.name, addon), to: key });
    }
  }

  const clusters = new Map<string, AppCluster>();
  for (const { stack, change } of apps) {
    const key = keyOf(stack.name, change.address);
    clusters.set(key, { app: node(key, "app", change), parts: shownParts(key, parts.get(key) ?? [], changedOnly) });
  }

  const groups: GraphGroup[] = [];
  const coupled = new Map<string, [string, Placement][]>();
  for (const placed of placements) append(coupled, placed[1].pipeline, placed);
  for (const [pipelineKey, pipeline] of pipelines) {
    const members = coupled.get(pipelineKey) ?? [];
    const stages = [...new Set(members.map(([, p]) => p.stage))].sort((a, b) => stageRank(a) - stageRank(b) || a.localeCompare(b));
    const stageGroups = stages.map((stage) =>
      group(`${pipelineKey}#${stage}`, stage, "unchanged", members.filter(([, p]) => p.stage === stage).map(([app]) => clusters.get(app)!), [], changedOnly),
    );
    const noApps: GraphNode[] = members.length === 0 ? [{ key: `${pipelineKey}#apps`, kind: "count", label: "no apps coupled", state: "unchanged", count: 0 }] : [];
    groups.push({ ...group(pipelineKey, `pipeline ${pipeline.name}`, pipeline.state, [], noApps, false), groups: stageGroups });
  }
  const appsOf = new Map<string, string[]>();
  for (const { stack, change } of apps) append(appsOf, stack.name, keyOf(stack.name, change.address));
  for (const stack of stacks) {
    const own = (appsOf.get(stack.name) ?? []).filter((k) => !placements.has(k));
    const strays = loose.get(stack.name) ?? [];
    if (own.length === 0 && strays.length === 0) continue;
    groups.push(group(`stack:${stack.name}`, `stack ${stack.name}${stack.orphaned ? " (orphaned)" : ""}`, "unchanged", own.map((k) => clusters.get(k)!), strays, changedOnly));
  }
  if (!changedOnly) return { groups, nodes: [], links };
  const kept = groups.filter(hasChanges).map((g) => ({ ...g, groups: g.groups.filter(hasChanges) }));
  const dropped = groups.reduce((sum, g) => sum + countedApps(g), 0) - kept.reduce((sum, g) => sum + countedApps(g), 0);
  return { groups: kept, nodes: dropped > 0 ? [countNode("estate#apps", "app", dropped)] : [], links };
}

/** Where a stage sorts among Heroku's, any other name after them (internal helper). */
function stageRank(stage: string): number {
  const rank = STAGE_ORDER.indexOf(stage);
  return rank === -1 ? STAGE_ORDER.length : rank;
}
