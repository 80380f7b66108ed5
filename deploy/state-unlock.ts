/**
 * Releasing a local state lock. Terraform's local backend locks the state
 * file with an OS file lock that its process holds until it ends, so
 * `terraform force-unlock` from another process cannot release it ("LocalState
 * not locked"); a killed run leaves only its lock info file behind, stale.
 * A Terraform run that takes the lock and lets it go clears that file, or,
 * if the lock is live, says who holds it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../lib/user-error";
import { heldLockLine } from "./state-lock-info";
import { terraformIn, terraformProblem } from "./state-terraform";

/** @returns the line to print once the lock `lockId` of the state file `statePath` is gone */
export async function releaseLocalLock(stack: string, dir: string, statePath: string, lockId: string, env: Record<string, string>): Promise<string> {
  const infoFile = join(dirname(statePath), `.${basename(statePath)}.lock.info`);
  if (!existsSync(infoFile)) return `${stack}: not locked`;
  const held = (JSON.parse(readFileSync(infoFile, "utf8")) as { ID: string }).ID;
  if (held !== lockId) throw new UserError(`${stack}: "${lockId}" is not its lock (${held})`);
  // console with no input: takes the lock, evaluates nothing, and lets it go.
  const probe = await terraformIn(dir, ["console", `-state=${statePath}`], env);
  if (probe.code !== 0) throw new UserError(heldLockLine(probe.output)?.replace(/^<stack>/, `${stack}`) ?? `${stack}: ${terraformProblem(probe, "local", env)}`);
  return `${stack}: unlocked (lock ${lockId} was left by a Terraform run that is gone)`;
}
