/**
 * Terraform's values on the wire: cty values as MessagePack, typed by the
 * schema. Objects carry exactly their type's attributes (absent ones as
 * null), unknown values are MessagePack extensions — Terraform sends type 0
 * and refined unknowns as type 12; any extension is treated as unknown and
 * the provider answers with a plain type-0 unknown.
 */
import { decode, encode, ExtData } from "@msgpack/msgpack";

/** A cty type in its JSON form, as `terraform providers schema -json` prints it. */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | ["list" | "set" | "map", CtyType]
  | ["object", Record<string, CtyType>]
  | ["tuple", CtyType[]];

/** A value not known until apply. */
export class Unknown {
  static readonly VALUE = new Unknown();
  /** Makes the type nominal, so narrowing by `isUnknown` leaves other values alone. */
  readonly kind = "unknown";
  private constructor() {}
}
export const UNKNOWN = Unknown.VALUE;

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** A decoded value: JSON-like, with `UNKNOWN` where Terraform does not know yet. */
export type Value = null | string | number | boolean | Unknown | Value[] | { [key: string]: Value };
export type ObjectValue = { [key: string]: Value };

export function decodeValue(data: Buffer | undefined): Value {
  if (!data || data.length === 0) return null;
  return fromWire(decode(data));
}

function fromWire(raw: unknown): Value {
  if (raw instanceof ExtData) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (Array.isArray(raw)) return raw.map(fromWire);
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString("utf8");
  if (typeof raw === "object") {
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromWire(v)]));
  }
  return raw as string | number | boolean;
}

export function encodeValue(type: CtyType, value: Value): Buffer {
  return Buffer.from(encode(toWire(type, value), { ignoreUndefined: false }));
}

/** Shapes a value to its type: objects get every attribute, numbers stay numbers (internal helper). */
function toWire(type: CtyType, value: Value | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return new ExtData(0, new Uint8Array([0]));
  if (type === "string") return typeof value === "string" ? value : String(value);
  if (type === "number") return typeof value === "number" ? value : Number(value);
  if (type === "bool") return Boolean(value);
  if (type === "dynamic") throw new Error("cty: dynamic values are not used by this provider's schema");
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") return (value as Value[]).map((v) => toWire(inner, v));
  if (kind === "map") {
    return Object.fromEntries(Object.entries(value as ObjectValue).map(([k, v]) => [k, toWire(inner, v)]));
  }
  if (kind === "object") {
    const object = value as ObjectValue;
    return Object.fromEntries(Object.entries(inner).map(([k, t]) => [k, toWire(t, object[k])]));
  }
  return (value as Value[]).map((v, i) => toWire((inner as CtyType[])[i], v));
}

/** True when a value, or anything inside it, is unknown. */
export function containsUnknown(value: Value): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** Deep equality of decoded values; unknown equals nothing but unknown. */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (isUnknown(a) || isUnknown(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => valuesEqual((a as ObjectValue)[k] ?? null, (b as ObjectValue)[k] ?? null));
  }
  return false;
}
