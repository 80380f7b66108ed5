/**
 * Test helper (internal): runs a command without blocking this process — a
 * platform serving in the same process must go on answering while terraform,
 * the provider or dynoform talk to it — and collects its output.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export interface ProcessRun {
  readonly code: number;
  /** stdout and stderr, interleaved as they came. */
  readonly output: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called once the child exists, e.g. to kill it at a chosen moment. */
  readonly onStart?: (child: ChildProcess) => void;
  /** @default 180 s, then SIGKILL */
  readonly timeoutMs?: number;
}

export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    options.onStart?.(child);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

const ROOT = join(__dirname, "..");

/** `dynoform ARGS` from the project root, as a user runs it. */
export function runDynoform(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  return runProcess(process.execPath, [join(ROOT, "bin", "dynoform.js"), ...args], { cwd: ROOT, env });
}
