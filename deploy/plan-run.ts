/**
 * What every single-stack run (`dynoform plan --out`, `apply`, `preview`)
 * does before Terraform touches the stack: the backend and lock checks, the
 * target (the embedded platform started for `local`, and the one provider
 * process Terraform reattaches to), a synth, the environment Terraform runs
 * in, and `terraform init` if the stack needs it. The estate's own files are
 * checked by the caller. Terraform's work shows in the live view, as a
 * deploy's does (deploy/progress), for the one stack.
 */
import { join } from "node:path";
import { createProgressView } from "./progress";
import { ensureEstateTeams, prepareLocalTarget } from "./local-target";
import { startLocalProvider, type LocalProvider } from "./local-provider";
import { readSynthesizedTree } from "./synthesized-tree";
import { secretEnvironment, valuesToMask, type SynthesizedStack } from "./secrets";
import { checkBackendEnvironment, checkChosenBackend, checkLockTimeout, lockTimeoutEnvironment } from "./state-locking";
import { ensureInit, noticesThrough, stackDir, withInterrupts, type TerraformSession } from "./terraform-runner";
import { UserError } from "../lib/user-error";

export interface StackRunOptions {
  readonly target: string;
  readonly outDir: string;
  readonly stack: string;
  readonly lockTimeout?: string;
  /** Writes the synthesized tree for `env` into `outDir` (cli/estate-synth.ts). */
  readonly synthesize: (outDir: string, env: Record<string, string>) => void;
  /** Extra variables for the synth (a preview's environment folder and state). */
  readonly synthEnv?: Record<string, string>;
  /** The values of the stack's secrets, by variable name; undefined when the run needs none (applying a saved plan). */
  readonly secrets?: (stack: SynthesizedStack, local: boolean) => Record<string, string>;
}

export interface StackRun {
  readonly stack: SynthesizedStack;
  /** The stack's synthesized folder, initialized. */
  readonly dir: string;
  /** How Terraform runs: target, lock timeout, secrets as TF_VAR_*, the local provider. */
  readonly session: TerraformSession;
  readonly local: boolean;
  /** Prints a line of the run's own, above the live view. */
  note(text: string): void;
}

/**
 * Prepares the stack and runs `body` with it; the local provider is stopped
 * however `body` ends.
 * @throws UserError naming a bad --target or --lock-timeout, a missing variable, or an unknown stack
 */
export async function withStackRun<T>(options: StackRunOptions, body: (run: StackRun) => Promise<T>): Promise<T> {
  if (options.target !== "heroku" && options.target !== "local") throw new UserError(`--target "${options.target}" is not heroku or local`, 2);
  checkLockTimeout(options.lockTimeout);
  checkChosenBackend({ ...process.env, ...options.synthEnv });
  const local = options.target === "local";
  // State, plans and the synthesized tree hold what only this user should read.
  process.umask(0o077);
  const target = local ? await prepareLocalTarget() : undefined;
  const targetEnv = { ...(target?.env ?? { DYNOFORM_TARGET: "heroku" }), ...options.synthEnv };
  let provider: LocalProvider | undefined;
  return withInterrupts(
    async () => {
      // The provider starts while this process synthesizes.
      provider = target && startLocalProvider(target.providerPackageDir, target.env);
      options.synthesize(options.outDir, targetEnv);
      const all = readSynthesizedTree(options.outDir);
      const stack = all.find((s) => s.name === options.stack);
      if (!stack) throw new UserError(`no stack named ${options.stack} (there are: ${all.map((s) => s.name).join(", ")})`);
      checkBackendEnvironment([stack], process.env);
      if (target) await ensureEstateTeams(target, [stack]);
      const secretEnv = secretEnvironment(options.secrets?.(stack, local) ?? {});
      const view = createProgressView({ stacks: [stack.name], out: process.stdout, logDir: join(options.outDir, "logs"), secrets: valuesToMask(secretEnv, targetEnv) });
      noticesThrough(view);
      try {
        const session = { env: { ...targetEnv, ...lockTimeoutEnvironment(options.lockTimeout, [stack]), ...secretEnv }, provider, providerPackageDir: target?.providerPackageDir, view };
        const dir = stackDir(options.outDir, stack.name);
        await ensureInit(session, stack, dir);
        return await body({ stack, dir, session, local, note: (text) => view.note(text) });
      } finally {
        noticesThrough(undefined);
        view.close();
      }
    },
    async () => provider?.stop(),
  );
}
