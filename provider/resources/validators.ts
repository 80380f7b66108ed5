/**
 * The plugin SDK's validators, with their messages, as the resources' and
 * data sources' `validate` use them (internal). Only a string is checked:
 * null and unknown values are not validated, as in the SDK.
 */
import type { Value } from "../protocol/cty";
import type { ConfigProblem } from "../engine/resource-type";

/** validation.IsUUID's form: 8-4-4-4-12 hex digits. */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** validation.IsUUID: `expected "owner.0.id" to be a valid UUID, got …` (the key as the SDK addresses it). */
export function uuidProblems(path: readonly (string | number)[], value: Value | undefined): ConfigProblem[] {
  return typeof value === "string" && !UUID_PATTERN.test(value) ? [{ path, summary: `expected "${path.join(".")}" to be a valid UUID, got ${value}` }] : [];
}

/**
 * validation.StringInSlice: `expected stage to be one of [review development …], got …`
 * (Go prints the slice as `[a b]`). `key` names the value as the SDK does,
 * which for a list's item (`signals.0`) is more than the diagnostic's path.
 */
export function inSliceProblems(path: readonly (string | number)[], valid: readonly string[], value: Value | undefined, key = path.join(".")): ConfigProblem[] {
  return typeof value === "string" && !valid.includes(value) ? [{ path, summary: `expected ${key} to be one of [${valid.join(" ")}], got ${value}` }] : [];
}

/** The SDK's MinItems and MaxItems on a list attribute: its summary, and the count as detail. */
export function listSizeProblems(key: string, count: number, min: number, max = Infinity): ConfigProblem[] {
  if (count > max) return [{ path: [key], summary: "Too many list items", detail: `Attribute ${key} supports ${max} item maximum, but config has ${count} declared.` }];
  if (count < min) return [{ path: [key], summary: "Not enough list items", detail: `Attribute ${key} requires ${min} item minimum, but config has only ${count} declared.` }];
  return [];
}
