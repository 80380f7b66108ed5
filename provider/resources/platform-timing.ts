/**
 * Time as the resources meet it (internal): waiting for the platform's
 * asynchronous work, the provider's configured delays, and telling an object
 * a lost create made from an older one.
 */
import { sleep } from "../../lib/heroku-api-client";

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
