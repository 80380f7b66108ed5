/**
 * What every saved-plan run (`dynoform plan --out`, `apply`, `preview`) does
 * before Terraform touches a stack: the backend and lock checks, the target
 * (the embedded platform started for `local`), a synth, and the environment
 * Terraform runs in. The estate's own files are checked by the caller.
 */
import { ensureEstateTeams, prepareLocalTarget } from "./local-target";
import { runCdktf } from "./cdktf-runner";
import { readSynthesizedTree } from "./synthesized-tree";
import { secretEnvironment, type SynthesizedStack } from "./secrets";
import { checkBackendEnvironment, checkChosenBackend, checkLockTimeout, lockTimeoutEnvironment } from "./state-locking";
import { UserError } from "../lib/user-error";

export interface StackRunOptions {
  readonly target: string;
  readonly outDir: string;
  readonly stack: string;
  readonly lockTimeout?: string;
  /** Extra variables for the synth (a preview's environment folder and state). */
  readonly synthEnv?: Record<string, string>;
  /** The values of the stack's secrets, by variable name; undefined when the run needs none (applying a saved plan). */
  readonly secrets?: (stack: SynthesizedStack, local: boolean) => Record<string, string>;
}

export interface StackRun {
  readonly stack: SynthesizedStack;
  /** The environment Terraform runs in: target, lock timeout, secrets as TF_VAR_*. */
  readonly env: Record<string, string>;
  readonly local: boolean;
}

/** @throws UserError naming a bad --target or --lock-timeout, a missing variable, or an unknown stack */
export async function prepareStackRun(options: StackRunOptions): Promise<StackRun> {
  if (options.target !== "heroku" && options.target !== "local") throw new UserError(`--target "${options.target}" is not heroku or local`, 2);
  checkLockTimeout(options.lockTimeout);
  checkChosenBackend({ ...process.env, ...options.synthEnv });
  const local = options.target === "local";
  // State, plans and the synthesized tree hold what only this user should read.
  process.umask(0o077);
  const target = local ? await prepareLocalTarget() : undefined;
  const targetEnv = { ...(target?.env ?? { DYNOFORM_TARGET: "heroku" }), ...options.synthEnv };
  const code = await runCdktf({ command: "synth", stacks: [], outDir: options.outDir, env: targetEnv, skipProviderLock: local });
  if (code !== 0) throw new UserError(`cdktf synth failed (exit ${code})`, code);
  const all = readSynthesizedTree(options.outDir);
  const stack = all.find((s) => s.name === options.stack);
  if (!stack) throw new UserError(`no stack named ${options.stack} (there are: ${all.map((s) => s.name).join(", ")})`);
  checkBackendEnvironment([stack], process.env);
  if (target) await ensureEstateTeams(target, [stack]);
  const secrets = options.secrets?.(stack, local) ?? {};
  return { stack, local, env: { ...targetEnv, ...lockTimeoutEnvironment(options.lockTimeout, [stack]), ...secretEnvironment(secrets) } };
}
