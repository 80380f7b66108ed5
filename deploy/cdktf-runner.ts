import { spawn } from "node:child_process";
import { join } from "node:path";
import { heldLockLine } from "./state-lock-info";

/** The cdktf commands dynoform drives. */
export type CdktfCommand = "synth" | "diff" | "deploy" | "destroy";

export interface CdktfRun {
  readonly command: CdktfCommand;
  /** Stack names; empty means every stack. */
  readonly stacks: readonly string[];
  /** Where cdktf writes the synthesized tree: one per target, so lock files never mix. */
  readonly outDir: string;
  /** Extra environment: the target's variables and the secrets as TF_VAR_*. */
  readonly env: Record<string, string>;
  /** For local targets: never run `terraform providers lock`, which asks the registry. */
  readonly skipProviderLock: boolean;
  /** The tree in `outDir` was synthesized just before (to read its secrets): do not synthesize again. */
  readonly skipSynth?: boolean;
}

const projectRoot = join(__dirname, "..");

/** The argument list for one cdktf run (internal helper, exported for tests). */
export function cdktfArguments(run: CdktfRun): string[] {
  const args = [run.command, ...(run.stacks.length > 0 ? run.stacks : run.command === "synth" ? [] : ["*"])];
  args.push("--output", run.outDir);
  if (run.command === "deploy" || run.command === "destroy") args.push("--auto-approve");
  if (run.command !== "synth") {
    args.push("--no-color");
    if (run.skipProviderLock) args.push("--skip-provider-lock");
    if (run.skipSynth) args.push("--skip-synth");
  }
  return args;
}

/**
 * Runs a command with its output streamed through (stdout also handed to
 * `readStdout`, if given), and resolves with its exit code. CHECKPOINT_DISABLE is always set so neither cdktf nor terraform
 * phones home or writes a projectId.
 */
export function runStreamed(command: string, args: readonly string[], cwd: string, env: Record<string, string>, readStdout?: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: ["ignore", readStdout ? "pipe" : "inherit", "inherit"] });
    child.stdout?.on("data", (chunk: Buffer) => (process.stdout.write(chunk), readStdout!(chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** Runs the project's own cdktf CLI from the project root. */
export async function runCdktf(run: CdktfRun): Promise<number> {
  const bin = join(projectRoot, "node_modules", ".bin", "cdktf");
  // In a terminal cdktf redraws spinners and must own stdout; without one, CI mode prints plain
  // lines, which are passed on and read: a run stopped by a held state lock ends with one line on it.
  if (process.stdout.isTTY) return runStreamed(bin, cdktfArguments(run), projectRoot, run.env);
  let output = "";
  const code = await runStreamed(bin, cdktfArguments(run), projectRoot, { CI: "1", ...run.env }, (chunk) => (output = (output + chunk).slice(-65536)));
  const lock = code === 0 ? undefined : heldLockLine(output);
  if (lock) console.error(lock);
  return code;
}
