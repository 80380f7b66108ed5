/**
 * The real provider's error wrapping and StateChangeConf waits, as the
 * resources use them (internal).
 */
import { ProviderError } from "../engine/diagnostics";
import { waitFor } from "./platform-timing";

/** `fmt.Errorf("…: %s", err)`: a failure, told after what was being done. */
export async function wrapError<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${prefix}${messageOf(error)}`);
  }
}

/** A `diag.Diagnostic` with a summary: a failure, told under what was being done. */
export async function reportError<T>(summary: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new ProviderError(summary, messageOf(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Polls `state` while it is one of `pending`, until it is `target` (up to
 * `timeoutMs`); any other state is the SDK's unexpected state error.
 */
export async function waitForTarget(state: () => Promise<string>, pending: readonly string[], target: string, timeoutMs: number): Promise<void> {
  const reached = await waitFor(target, state, (s) => !pending.includes(s), timeoutMs);
  if (reached !== target) throw new Error(`unexpected state '${reached}', wanted target '${target}'`);
}
