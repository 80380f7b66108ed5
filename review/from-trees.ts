/**
 * Input (b): two synthesized trees (`cdk.tf.json` per stack), base and head,
 * diffed resource block by resource block. No platform and no state are
 * needed; what Terraform would replace is decided from the provider's
 * ForceNew attributes, and replacement cascades along references the way a
 * plan does (a new app id forces a new formation, domain, add-on…). The
 * head's `moved` blocks are followed as Terraform follows them.
 */
import { diffAttributes } from "./attribute-diff";
import { forcesReplacement } from "./force-new";
import { ChangeAction, ForeignApp, ResourceChange, StackPlan, VariableInfo } from "./plan-model";
import { Block, CdktfJson, appReference, applicableMoves, blocks, foreignAppReference, moveBase, referencesIn } from "./tree-blocks";

/** A synthesized stack: its name and its parsed cdk.tf.json (the shape `readSynthesizedTree` returns). */
export interface TreeStack {
  readonly name: string;
  readonly json: unknown;
}

function sensitiveVariableTest(json: CdktfJson | undefined): (value: unknown) => boolean {
  const names = Object.entries(json?.variable ?? {}).filter(([, v]) => v.sensitive).map(([n]) => n);
  return (value) => typeof value === "string" && names.some((n) => value.includes(`var.${n}`));
}

/** What one resource's change is decided against (internal helper). */
interface DiffContext {
  readonly trees: { readonly base?: CdktfJson; readonly head?: CdktfJson };
  readonly addresses: { readonly head: ReadonlySet<string>; readonly all: ReadonlySet<string> };
  /** New address → the address it moves from. */
  readonly movedFrom: ReadonlyMap<string, string>;
  /** Addresses that get a new identity. */
  readonly recreated: ReadonlySet<string>;
  /** The app of another stack a block of that side refers to. */
  readonly foreignApp: (block: Block | undefined, side: "base" | "head") => ForeignApp | undefined;
}

/** Decides one resource's change (internal helper). */
function resourceChange(address: string, base: Block | undefined, head: Block | undefined, context: DiffContext): ResourceChange {
  const { trees, addresses, recreated } = context;
  const block = (head ?? base) as Block;
  const attributes = diffAttributes(
    block.type,
    { values: base?.attributes ?? null, isSensitiveValue: sensitiveVariableTest(trees.base) },
    {
      values: head?.attributes ?? null,
      isSensitiveValue: sensitiveVariableTest(trees.head),
      isUnknownValue: (value) => referencesIn(value, addresses.head).some((r) => recreated.has(r)),
    },
    (path) => forcesReplacement(block.type, path),
  );
  let action: ChangeAction = "no-op";
  if (!base) action = "create";
  else if (!head) action = "delete";
  else if (attributes.some((a) => a.forcesReplacement)) action = "replace";
  else if (attributes.some((a) => a.changed)) action = "update";
  const previousAddress = context.movedFrom.get(address);
  const app = appReference(head ?? base, addresses.all);
  const foreignApp = app ? undefined : head ? context.foreignApp(head, "head") : context.foreignApp(base, "base");
  const record = base?.record || head?.record ? { before: base?.record, after: head?.record } : undefined;
  return {
    address,
    type: block.type,
    name: block.name,
    action,
    ...(action === "replace" ? { replaceOrder: head?.lifecycle.create_before_destroy ? "create-before-destroy" : "delete-before-create" } : {}),
    attributes,
    references: referencesIn(head?.attributes ?? base?.attributes, addresses.all),
    ...(app ? { app } : {}),
    ...(foreignApp ? { foreignApp } : {}),
    ...(previousAddress ? { previousAddress } : {}),
    ...(record ? { record } : {}),
    preventDestroy: { before: base?.lifecycle.prevent_destroy === true, after: head?.lifecycle.prevent_destroy === true },
  };
}

/** The stacks of each side by name, whose outputs cross-stack references read. */
export interface SiblingTrees {
  readonly base: ReadonlyMap<string, TreeStack>;
  readonly head: ReadonlyMap<string, TreeStack>;
}

/** Diffs one stack; either side may be missing (a stack added, or dropped from the code: see `stacksFromTrees`). */
export function stackFromTrees(
  name: string,
  base: TreeStack | undefined,
  head: TreeStack | undefined,
  env: NodeJS.ProcessEnv = {},
  siblings: SiblingTrees = { base: new Map(), head: new Map() },
): StackPlan {
  const trees = { base: base?.json as CdktfJson | undefined, head: head?.json as CdktfJson | undefined };
  const foreignApp = (block: Block | undefined, side: "base" | "head"): ForeignApp | undefined =>
    foreignAppReference(block, trees[side], (stack) => (siblings[side].get(stack)?.json as CdktfJson | undefined)?.output);
  const after = blocks(trees.head);
  const deployed = blocks(trees.base);
  const moves = applicableMoves(trees.head, deployed, after);
  const before = moveBase(deployed, moves);
  const all = new Set([...after.keys(), ...before.keys()]);
  const addresses = { head: new Set(after.keys()), all };
  const movedFrom = new Map([...moves].map(([from, to]) => [to, from]));
  // A replacement gives a resource a new id, which may force its dependents
  // to be replaced in turn: repeat until no new address joins the set.
  let recreated = new Set<string>();
  let changes: ResourceChange[];
  for (;;) {
    const context = { trees, addresses, movedFrom, recreated, foreignApp };
    changes = [...all].sort().map((a) => resourceChange(a, before.get(a), after.get(a), context));
    const next = new Set(changes.filter((c) => c.action === "create" || c.action === "replace").map((c) => c.address));
    if (next.size === recreated.size) break;
    recreated = next;
  }
  const baseVariables = trees.base?.variable ?? {};
  const variables: VariableInfo[] = Object.entries(trees.head?.variable ?? {}).map(([variable, v]) => ({
    name: variable,
    sensitive: v.sensitive === true,
    hasValueSource: v.default !== undefined || env[`TF_VAR_${variable}`] !== undefined,
    added: baseVariables[variable] === undefined,
  }));
  return { name, changes, variables };
}

/**
 * Diffs two trees stack by stack, head's stacks first, then those the head
 * dropped. A dropped stack is orphaned, not destroyed: a deploy only runs
 * the stacks it synthesizes, so what the base deployed stays as it is.
 */
export function stacksFromTrees(base: readonly TreeStack[], head: readonly TreeStack[], env: NodeJS.ProcessEnv = {}): StackPlan[] {
  const siblings = { base: new Map(base.map((s) => [s.name, s])), head: new Map(head.map((s) => [s.name, s])) };
  const names = [...new Set([...siblings.head.keys(), ...siblings.base.keys()])];
  return names.map((n) => {
    const was = siblings.base.get(n);
    const is = siblings.head.get(n);
    return is ? stackFromTrees(n, was, is, env, siblings) : { ...stackFromTrees(n, was, was, env, { base: siblings.base, head: siblings.base }), orphaned: true };
  });
}
