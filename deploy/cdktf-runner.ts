import { spawn } from "node:child_process";
import { join } from "node:path";

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
 * Runs a command with its output streamed through, and resolves with its
 * exit code. CHECKPOINT_DISABLE is always set so neither cdktf nor terraform
 * phones home or writes a projectId.
 */
export function runStreamed(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** Runs the project's own cdktf CLI from the project root. */
export function runCdktf(run: CdktfRun): Promise<number> {
  const bin = join(projectRoot, "node_modules", ".bin", "cdktf");
  // Without a terminal, CI mode makes cdktf print plain lines instead of redrawing spinners.
  return runStreamed(bin, cdktfArguments(run), projectRoot, { ...(process.stdout.isTTY ? {} : { CI: "1" }), ...run.env });
}
