/**
 * Small helpers the resource modules share (internal): reading attributes,
 * waiting for asynchronous platform work, and treating 404 as "gone".
 */
import { sleep } from "../../lib/heroku-api-client";
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

export { orGone } from "../../lib/heroku-api-client";

/**
 * Polls until `check` says done, as the SDK's StateChangeConf does: quickly
 * at first, then backing off; fails after `timeoutMs`.
 */
export async function waitFor<T>(what: string, poll: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let interval = 100;
  for (;;) {
    const value = await poll();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timeout while waiting for ${what}`);
    await sleep(interval);
    interval = Math.min(interval * 2, 5000);
  }
}

export function delaySeconds(seconds: number): Promise<void> {
  return seconds > 0 ? sleep(seconds * 1000) : Promise.resolve();
}

/** Clocks of the provider and the platform may differ a little. */
const CLOCK_SLACK_MS = 5000;

/** Whether an object with this `created_at` was made after `since` (internal helper for lost creates). */
export function madeSince(createdAt: string | undefined, since: Date): boolean {
  return createdAt !== undefined && Date.parse(createdAt) >= since.getTime() - CLOCK_SLACK_MS;
}

/** Splits an import id `a:b` into its parts, naming the expected format when it does not fit. */
export function importParts(id: string, format: string, count = 2): string[] {
  const parts = id.split(":");
  if (parts.length !== count || parts.some((p) => p === "")) throw new Error(`import id ${JSON.stringify(id)} is not in the format ${format}`);
  return parts;
}
