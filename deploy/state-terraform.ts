/**
 * Terraform and cdktf runs whose output is kept rather than streamed: the
 * `state` commands print one line per stack, and reduce a failure to one line
 * with no connection string in it.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  /** stdout and stderr, interleaved as they came. */
  readonly output: string;
}

/** Runs a command to its end, keeping what it prints; checkpoints are always off. */
function runCaptured(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<CapturedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk) => ((stdout += chunk), (output += chunk)));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, output }));
  });
}

/** `terraform ARGS` in a synthesized stack's folder, never asking a question. */
export function terraformIn(dir: string, args: readonly string[], env: Record<string, string>): Promise<CapturedRun> {
  return runCaptured("terraform", args, dir, { TF_IN_AUTOMATION: "1", TF_INPUT: "0", ...env });
}

/** `cdktf synth` of the project into `outDir`, quietly (CI mode: no spinners). */
export function synthQuietly(outDir: string, env: Record<string, string>): Promise<CapturedRun> {
  const bin = join(__dirname, "..", "node_modules", ".bin", "cdktf");
  return runCaptured(bin, ["synth", "--output", outDir], join(__dirname, ".."), { CI: "1", ...env });
}

/**
 * Where PG_CONN_STR points, as `host:port` (no user, no password), from
 * either form libpq takes: a URL or `key=value` pairs.
 */
function pgAddress(connection: string): string {
  try {
    const url = new URL(connection);
    return `${url.hostname || "localhost"}:${url.port || "5432"}`;
  } catch {
    const value = (key: string) => new RegExp(`(?:^|\\s)${key}=(\\S+)`).exec(connection)?.[1];
    return `${value("host") ?? "localhost"}:${value("port") ?? "5432"}`;
  }
}

/** The text with every given secret (a connection string, its password) replaced by `***`. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, secret) => out.split(secret).join("***"), text);
}

/** The secrets a backend's connection holds: PG_CONN_STR whole, and its password alone. */
function connectionSecrets(env: NodeJS.ProcessEnv): string[] {
  const connection = env.PG_CONN_STR ?? "";
  let password = /(?:^|\s)password=(\S+)/.exec(connection)?.[1];
  try {
    password ??= decodeURIComponent(new URL(connection).password);
  } catch {
    // not a URL: key=value pairs, handled above
  }
  return [connection, password ?? ""].filter(Boolean);
}

/**
 * Terraform's failure as one line: a database it cannot reach is named by
 * `host:port`, anything else is Terraform's first error line. Connection
 * strings never get through.
 */
export function terraformProblem(run: CapturedRun, backend: string, env: NodeJS.ProcessEnv): string {
  const all = { ...process.env, ...env };
  const output = redact(run.output, connectionSecrets(all));
  const unreachable = /dial tcp[^\n]*?: ((?:connect: )?[^:\n]+)$/m.exec(output);
  if (unreachable && backend === "pg") return `cannot reach the pg backend at ${pgAddress(all.PG_CONN_STR ?? "")}: ${unreachable[1].replace(/^connect: /, "")}`;
  const error = /^(?:│ )?Error: (.+)$/m.exec(output)?.[1] ?? output.trim().split("\n").pop() ?? `terraform exited with ${run.code}`;
  return error.trim();
}
