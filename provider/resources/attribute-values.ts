/**
 * Reading attribute values and import ids, as the resources share it
 * (internal): empty strings as unset, maps and lists that may be null or
 * not known yet, the parent app's id.
 */
import { isUnknown, type ObjectValue, type Value } from "../protocol/cty";

export function str(value: Value | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A map attribute's entries; empty when null or not known yet. */
export function stringMap(value: Value | undefined): Record<string, string> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isUnknown(value) ? (value as Record<string, string>) : {};
}

export function stringList(value: Value | undefined): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

/** The app a child resource belongs to (`app_id`). */
export function appIdOf(state: ObjectValue): string {
  const id = str(state.app_id);
  if (!id) throw new Error("app_id is not known");
  return encodeURIComponent(id);
}

/** Splits an import id `a:b` into its parts, naming the expected format when it does not fit. */
export function importParts(id: string, format: string, count = 2): string[] {
  const parts = id.split(":");
  if (parts.length !== count || parts.some((p) => p === "")) throw new Error(`import id ${JSON.stringify(id)} is not in the format ${format}`);
  return parts;
}
