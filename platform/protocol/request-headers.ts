/**
 * The two request headers the platform trusts nothing of: the id a client
 * gives its request, and the key it presents. Both are read strictly, so
 * that a value with junk around it is neither echoed nor accepted.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";

/**
 * A client's own request id as Heroku's router accepts one (X-Request-ID:
 * 20 to 200 ASCII letters, digits, `+`, `/`, `=` or `-`); any other is
 * replaced, never echoed into a response header or a log line.
 */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9+/=-]{20,200}$/;

/** The id to answer a request under: the client's first one when it is well-formed, else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = typeof header === "string" ? header.split(",")[0].trim() : "";
  return CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Base64 as Basic credentials are sent; Node's decoder would skip junk, and so accept a key hidden in it. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bearer `key` or Basic `:key`/`user:key`, the whole value and nothing around it, compared in constant time. */
export function presentsKey(header: string | undefined, apiKey: string): boolean {
  const space = header?.indexOf(" ") ?? -1;
  if (!header || space === -1) return false;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trimStart();
  let presented: string | undefined;
  if (scheme === "bearer") presented = value;
  else if (scheme === "basic" && value.length % 4 === 0 && BASE64.test(value)) {
    const decoded = Buffer.from(value, "base64").toString();
    const colon = decoded.indexOf(":");
    presented = colon === -1 ? undefined : decoded.slice(colon + 1);
  }
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(apiKey);
  return a.length === b.length && timingSafeEqual(a, b);
}
