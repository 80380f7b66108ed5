import { createHash } from "node:crypto";

/**
 * A UUID-shaped id derived from a kind and a name, for things Heroku gives
 * fixed ids (dyno sizes, add-on plans, app features): the same on every
 * platform and across restarts, so clients may keep them.
 */
export function stableId(kind: string, name: string): string {
  const h = createHash("sha256").update(`${kind}:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
