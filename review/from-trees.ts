/**
 * Input (b): two synthesized trees (`cdk.tf.json` per stack), base and head,
 * diffed resource block by resource block. No platform and no state are
 * needed; what Terraform would replace is decided from the provider's
 * ForceNew attributes, and replacement cascades along references the way a
 * plan does (a new app id forces a new formation, domain, add-on…).
 */
import { diffAttributes } from "./attribute-diff";
import { forcesReplacement } from "./force-new";
import { ChangeAction, ResourceChange, StackPlan, VariableInfo } from "./plan-model";

/** A synthesized stack: its name and its parsed cdk.tf.json (the shape `readSynthesizedTree` returns). */
export interface TreeStack {
  readonly name: string;
  readonly json: unknown;
}

interface CdktfJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { sensitive?: boolean; default?: unknown }>;
}

/** Keys of a resource block that are Terraform meta-arguments, not provider attributes. */
const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);

interface Block {
  readonly type: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
  readonly lifecycle: { prevent_destroy?: boolean; create_before_destroy?: boolean };
}

function blocks(json: CdktfJson | undefined): Map<string, Block> {
  const out = new Map<string, Block>();
  for (const [type, byName] of Object.entries(json?.resource ?? {})) {
    for (const [name, block] of Object.entries(byName)) {
      const attributes = Object.fromEntries(Object.entries(block).filter(([k]) => !META_ARGUMENTS.has(k)));
      out.set(`${type}.${name}`, { type, name, attributes, lifecycle: (block.lifecycle ?? {}) as Block["lifecycle"] });
    }
  }
  return out;
}

/** `${heroku_app.web.id}` → `heroku_app.web`, for the addresses that exist (internal helper). */
function referencesIn(value: unknown, addresses: ReadonlySet<string>): string[] {
  const text = JSON.stringify(value) ?? "";
  const found = new Set<string>();
  for (const interpolation of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const token of interpolation[1].matchAll(/[A-Za-z_][\w-]*\.[\w-]+/g)) {
      if (addresses.has(token[0])) found.add(token[0]);
    }
  }
  return [...found].sort();
}

function sensitiveVariableTest(json: CdktfJson | undefined): (value: unknown) => boolean {
  const names = Object.entries(json?.variable ?? {}).filter(([, v]) => v.sensitive).map(([n]) => n);
  return (value) => typeof value === "string" && names.some((n) => value.includes(`var.${n}`));
}

/** Decides one resource's change, given which addresses get a new identity (internal helper). */
function resourceChange(
  address: string,
  base: Block | undefined,
  head: Block | undefined,
  trees: { base?: CdktfJson; head?: CdktfJson },
  addresses: { readonly head: ReadonlySet<string>; readonly all: ReadonlySet<string> },
  recreated: ReadonlySet<string>,
): ResourceChange {
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
  return {
    address,
    type: block.type,
    name: block.name,
    action,
    ...(action === "replace" ? { replaceOrder: head?.lifecycle.create_before_destroy ? "create-before-destroy" : "delete-before-create" } : {}),
    attributes,
    references: referencesIn(head?.attributes ?? base?.attributes, addresses.all),
    preventDestroy: { before: base?.lifecycle.prevent_destroy === true, after: head?.lifecycle.prevent_destroy === true },
  };
}

/** Diffs one stack; either side may be missing (a stack added or removed). */
export function stackFromTrees(name: string, base: TreeStack | undefined, head: TreeStack | undefined, env: NodeJS.ProcessEnv = {}): StackPlan {
  const trees = { base: base?.json as CdktfJson | undefined, head: head?.json as CdktfJson | undefined };
  const before = blocks(trees.base);
  const after = blocks(trees.head);
  const all = new Set([...after.keys(), ...before.keys()]);
  const addresses = { head: new Set(after.keys()), all };
  // A replacement gives a resource a new id, which may force its dependents
  // to be replaced in turn: repeat until no new address joins the set.
  let recreated = new Set<string>();
  let changes: ResourceChange[];
  for (;;) {
    changes = [...all].sort().map((a) => resourceChange(a, before.get(a), after.get(a), trees, addresses, recreated));
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

/** Diffs two trees stack by stack, head's stacks first, then those the head removed. */
export function stacksFromTrees(base: readonly TreeStack[], head: readonly TreeStack[], env: NodeJS.ProcessEnv = {}): StackPlan[] {
  const names = [...new Set([...head.map((s) => s.name), ...base.map((s) => s.name)])];
  return names.map((n) => stackFromTrees(n, base.find((s) => s.name === n), head.find((s) => s.name === n), env));
}
