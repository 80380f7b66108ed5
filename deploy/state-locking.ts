/**
 * What a deploy needs from the stacks' state backends before Terraform runs:
 * the environment variables each backend reads (a missing one is named, in
 * one line, before anything starts), and how long to wait for a lock.
 */
import { stateBackendFromEnvironment } from "../constructs";
import { UserError } from "../lib/user-error";
import type { SynthesizedStack } from "./secrets";

/**
 * The backend DYNOFORM_BACKEND chooses for this run, checked before anything
 * starts: an unknown name or a missing variable is one line, and nothing runs.
 */
export function checkChosenBackend(env: NodeJS.ProcessEnv): void {
  let missing: string[];
  try {
    missing = (stateBackendFromEnvironment(env)?.requiredEnvironment ?? []).filter((variable) => !env[variable]);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  if (missing.length > 0) throw new UserError(`DYNOFORM_BACKEND=${env.DYNOFORM_BACKEND} needs ${missing.join(", ")}: Terraform reads it from the environment, never from a file`);
}

/** The variables Terraform reads for a backend when its block leaves them out (internal helper). */
const BACKEND_ENVIRONMENT: Record<string, { readonly attribute: string; readonly variable: string }[]> = {
  pg: [{ attribute: "conn_str", variable: "PG_CONN_STR" }],
};

/** The backend type of a synthesized stack: `local` when it names none. */
export function backendType(stack: SynthesizedStack): string {
  const terraform = stack.json.terraform ?? {};
  if (terraform.cloud) return "cloud";
  return Object.keys(terraform.backend ?? {})[0] ?? "local";
}

/** @throws UserError naming each variable a stack's backend needs and the environment lacks */
export function checkBackendEnvironment(stacks: readonly SynthesizedStack[], env: NodeJS.ProcessEnv): void {
  const missing = new Set<string>();
  for (const stack of stacks) {
    const type = backendType(stack);
    const block = stack.json.terraform?.backend?.[type] ?? {};
    for (const { attribute, variable } of BACKEND_ENVIRONMENT[type] ?? []) if (block[attribute] === undefined && !env[variable]) missing.add(`${variable} (the ${type} backend of ${stack.name})`);
  }
  if (missing.size > 0) throw new UserError(`set ${[...missing].join(", ")}: Terraform reads it from the environment, never from a file`);
}

/** @throws UserError (usage, exit 2) when `--lock-timeout` is not a duration Terraform takes */
export function checkLockTimeout(timeout: string | undefined): void {
  if (timeout !== undefined && !/^\d+(ms|s|m|h)$/.test(timeout)) {
    throw new UserError(`--lock-timeout "${timeout}" is not a duration: a number and ms, s, m or h (like 90s)`, 2);
  }
}

/**
 * Terraform's own flag for each command that takes a lock, through
 * TF_CLI_ARGS_<command>, so cdktf passes it on. With a shared backend two
 * stacks created at once contend for Terraform's workspace-creation lock,
 * and two working copies for a stack's lock: a wait is what a team wants.
 * Local state keeps Terraform's default, refusing at once.
 */
export function lockTimeoutEnvironment(timeout: string | undefined, stacks: readonly SynthesizedStack[]): Record<string, string> {
  const shared = stacks.some((s) => backendType(s) !== "local");
  const wait = timeout ?? (shared ? "2m" : undefined);
  if (wait === undefined) return {};
  return Object.fromEntries(["init", "plan", "apply", "destroy", "refresh", "import"].map((command) => [`TF_CLI_ARGS_${command}`, `-lock-timeout=${wait}`]));
}
