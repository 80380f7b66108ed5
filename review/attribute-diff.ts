/**
 * Turns two raw attribute objects into the model's masked `AttributeChange`
 * list. Raw values live only inside this module: they are compared, then
 * dropped, and only masked `ShownValue`s leave it.
 */
import { ABSENT, AttributeChange, SENSITIVE, ShownValue, UNKNOWN, shown, structure } from "./plan-model";
import { isSchemaSensitive, secretLookingAt } from "./masking";

/**
 * A Terraform-style mark tree (`after_sensitive`, `after_unknown`): `true`
 * marks a whole subtree, objects and arrays mark parts of it.
 */
export type MarkTree = boolean | { [key: string]: MarkTree } | MarkTree[] | null | undefined;

export interface SideInput {
  readonly values: Record<string, unknown> | null;
  readonly sensitive?: MarkTree;
  readonly unknown?: MarkTree;
  /** Extra leaf test for values that come from sensitive variables (tree diffs). */
  readonly isSensitiveValue?: (value: unknown) => boolean;
  /** Extra leaf test for values only known after apply (references in tree diffs). */
  readonly isUnknownValue?: (value: unknown) => boolean;
}

interface FlatLeaf {
  readonly shown: ShownValue;
  /** Serialized raw value, for comparison only: never returned. */
  readonly raw: string;
}

function child(mark: MarkTree, key: string | number): MarkTree {
  if (mark === true) return true;
  if (mark && typeof mark === "object") return (mark as Record<string, MarkTree>)[key as string];
  return undefined;
}

/** Flattens one side to dotted paths, masking as it goes (internal helper). */
function flatten(resourceType: string, side: SideInput, stopAt: ReadonlySet<string> = new Set()): Map<string, FlatLeaf> {
  const out = new Map<string, FlatLeaf>();
  const visit = (into: Map<string, FlatLeaf>, value: unknown, path: string[], sensitive: MarkTree, unknown: MarkTree): void => {
    const key = path.join(".");
    const marked = sensitive === true || (path.length === 1 && isSchemaSensitive(resourceType, path[0])) || (side.isSensitiveValue?.(value) ?? false);
    // A plain value masked only because it looks like a credential keeps the reason.
    const looksLike = marked ? undefined : secretLookingAt(path, value);
    const masked = marked || looksLike !== undefined;
    const isTree = value !== null && typeof value === "object";
    if (unknown === true || (side.isUnknownValue?.(value) ?? false)) {
      into.set(key, { shown: masked ? SENSITIVE : UNKNOWN, raw: "\u0000unknown" });
    } else if (masked && isTree && !Array.isArray(value) && Object.keys(value).length > 0 && !stopAt.has(key)) {
      // A sensitive map keeps its keys visible, each value masked: the
      // reviewer sees which secret is added or changed, never its value.
      for (const [k, v] of Object.entries(value)) visit(into, v, [...path, k], true, child(unknown, k));
    } else if (masked) {
      into.set(key, { shown: looksLike ? { kind: "sensitive", looksLike } : SENSITIVE, raw: JSON.stringify(value) ?? "" });
    } else if (isTree && stopAt.has(key)) {
      // The other side has a single leaf here (unknown, masked or scalar):
      // show this subtree as one value too, unless anything inside is secret.
      const inner = new Map<string, FlatLeaf>();
      for (const [k, v] of Object.entries(value)) visit(inner, v, [...path, k], child(sensitive, k), child(unknown, k));
      const secret = [...inner.values()].some((leaf) => leaf.shown.kind === "sensitive" || leaf.shown.kind === "unknown");
      into.set(key, { shown: secret ? SENSITIVE : structure(value), raw: JSON.stringify(value) });
    } else if (isTree && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) visit(into, v, [...path, k], child(sensitive, k), child(unknown, k));
    } else if (isTree) {
      into.set(key, { shown: structure(value), raw: JSON.stringify(value) });
    } else {
      into.set(key, { shown: shown(value as string | number | boolean | null), raw: JSON.stringify(value) ?? "null" });
    }
  };
  const keys = new Set([...Object.keys(side.values ?? {}), ...unknownTopLevel(side.unknown)]);
  for (const k of keys) visit(out, side.values?.[k] ?? null, [k], child(side.sensitive, k), child(side.unknown, k));
  return out;
}

/** Attributes unknown after apply may be missing from `after` altogether (internal helper). */
function unknownTopLevel(unknown: MarkTree): string[] {
  return unknown && typeof unknown === "object" && !Array.isArray(unknown)
    ? Object.entries(unknown).filter(([, v]) => v === true).map(([k]) => k)
    : [];
}

/**
 * Flattens `side` so that wherever `other` has a leaf, `side` has one too:
 * a list known before and unknown after reads as one row, not one row per
 * element (internal helper).
 */
function collapseAgainst(resourceType: string, side: SideInput, other: SideInput): Map<string, FlatLeaf> {
  const mine = flatten(resourceType, side);
  const theirs = flatten(resourceType, other);
  const stopAt = new Set([...theirs.keys()].filter((leaf) => [...mine.keys()].some((p) => p.startsWith(`${leaf}.`))));
  return stopAt.size === 0 ? mine : flatten(resourceType, side, stopAt);
}

/**
 * The masked attribute list of one resource. Null attributes on both sides
 * are dropped (Terraform prints them as unset); `forceNew` says which paths
 * force a replacement, and `replacePaths` (from a plan) overrides it when given.
 */
export function diffAttributes(
  resourceType: string,
  before: SideInput,
  after: SideInput,
  forcesReplacement: (path: string) => boolean,
): AttributeChange[] {
  const b = collapseAgainst(resourceType, before, after);
  const a = collapseAgainst(resourceType, after, before);
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  const result: AttributeChange[] = [];
  for (const path of paths) {
    const was = b.get(path);
    const will = a.get(path);
    const beforeShown = was && was.raw !== "null" ? was.shown : ABSENT;
    const afterShown = will && will.raw !== "null" ? will.shown : ABSENT;
    if (beforeShown.kind === "absent" && afterShown.kind === "absent") continue;
    const changed = (was?.raw ?? "null") !== (will?.raw ?? "null") || afterShown.kind === "unknown";
    const bothSides = before.values !== null && after.values !== null;
    result.push({ path, before: beforeShown, after: afterShown, changed, forcesReplacement: changed && bothSides && forcesReplacement(path) });
  }
  return result;
}
