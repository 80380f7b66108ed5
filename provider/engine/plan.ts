/**
 * Planning, the way the real provider's SDK plans: from Terraform's proposed
 * new state (configuration merged over prior state) to the planned state and
 * the attributes that force replacement. Pure data in, data out.
 */
import { isUnknown, UNKNOWN, valuesEqual, type ObjectValue, type Value } from "../protocol/cty";
import type { BlockSchema } from "../protocol/schema";
import type { PathStep } from "./diagnostics";
import type { ProviderSettings, ResourceType } from "./resource-type";

export interface PlannedChange {
  readonly planned: ObjectValue | null;
  /** Attribute paths whose change replaces the resource. */
  readonly requiresReplace: PathStep[][];
}

export function planChange(
  type: ResourceType,
  schema: BlockSchema,
  prior: ObjectValue | null,
  proposed: ObjectValue | null,
  config: ObjectValue | null,
  settings: ProviderSettings,
): PlannedChange {
  if (proposed === null || config === null) return { planned: null, requiresReplace: [] };
  const planned: ObjectValue = { ...proposed };
  for (const [name, value] of Object.entries(type.defaults ?? {})) {
    if (config[name] === null) planned[name] = value;
  }
  const unset = (type.computedBlocks ?? []).filter((name) => isEmpty(config[name]));
  if (prior === null) {
    markComputedUnknown(schema, planned, config);
    for (const name of unset) planned[name] = UNKNOWN;
    type.customizePlan?.(null, planned, settings);
    return { planned, requiresReplace: [] };
  }
  keepEmptyAsPrior(schema, prior, planned, config);
  for (const name of unset) planned[name] = prior[name];
  // On replacement Terraform plans the create again from a null prior, so only the paths matter here.
  const replaced = type.forceNew.flatMap((path) => changedPaths(schema, prior, planned, path.split(".")));
  for (const name of type.customizePlan?.(prior, planned, settings) ?? []) replaced.push([name]);
  return { planned, requiresReplace: replaced };
}

/**
 * Where a ForceNew path (`organization.name`) changed, as the SDK tells
 * Terraform: through a list block element by element (`organization`, 0,
 * `name`), an element only one side has counting as changed; any other
 * block has no element path, so it is compared whole (internal helper).
 */
function changedPaths(block: BlockSchema, prior: ObjectValue, planned: ObjectValue, [name, ...rest]: string[], at: PathStep[] = []): PathStep[][] {
  const here = [...at, name];
  const nested = block.block_types?.[name];
  const [before, after] = [prior[name] ?? null, planned[name] ?? null];
  if (rest.length === 0 || nested?.nesting_mode !== "list" || !Array.isArray(before) || !Array.isArray(after)) {
    return valuesEqual(before, after) ? [] : [here];
  }
  return Array.from({ length: Math.max(before.length, after.length) }, (_, i) =>
    changedPaths(nested.block, (before[i] ?? {}) as ObjectValue, (after[i] ?? {}) as ObjectValue, rest, [...here, i]),
  ).flat();
}

/** Computed attributes the configuration leaves null are known only after apply (internal helper). */
function markComputedUnknown(schema: BlockSchema, planned: ObjectValue, config: ObjectValue): void {
  for (const [name, attribute] of Object.entries(schema.attributes ?? {})) {
    if (attribute.computed && config[name] === null) planned[name] = UNKNOWN;
  }
  for (const [name, nested] of Object.entries(schema.block_types ?? {})) {
    const items = planned[name];
    const configured = config[name];
    if (!Array.isArray(items) || !Array.isArray(configured)) continue;
    planned[name] = items.map((item, i) => {
      if (item === null || isUnknown(item) || typeof item !== "object" || Array.isArray(item)) return item;
      const copy = { ...item };
      markComputedUnknown(nested.block, copy, (configured[i] ?? {}) as ObjectValue);
      return copy;
    });
  }
}

/**
 * The SDK treats an empty string, map or list and null as the same value; an
 * attribute the configuration leaves out keeps its empty prior value, so
 * reading `{}` back never shows as a change (internal helper).
 */
function keepEmptyAsPrior(schema: BlockSchema, prior: ObjectValue, planned: ObjectValue, config: ObjectValue): void {
  for (const name of Object.keys(schema.attributes ?? {})) {
    if (config[name] === null && isEmpty(prior[name]) && isEmpty(planned[name])) planned[name] = prior[name];
    if (isEmpty(config[name]) && prior[name] === null && isEmpty(planned[name])) planned[name] = null;
  }
}

export function isEmpty(value: Value | undefined): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && !isUnknown(value)) return Object.keys(value).length === 0;
  return false;
}
