import { spawn } from "node:child_process";
import { join } from "node:path";

/** What one benchmark case reports: its own figures, plus the wall time and peak memory measured around it. */
export interface CaseResult {
  readonly name: string;
  readonly wallMs: number;
  /** Peak resident set size of the process that ran the case (and its own children do not count). */
  readonly peakRssMb: number;
  readonly figures: Record<string, number | string>;
}

/**
 * Runs `bench/cases/<file>.ts` in its own node process so that its peak
 * memory is its own. The case prints one JSON object of figures as its last
 * stdout line; anything else it prints is passed through to stderr.
 */
export function runCase(file: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CaseResult> {
  const script = join(__dirname, "cases", `${file}.ts`);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "case-host.ts"), script, ...args], {
      env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const lines = out.trim().split("\n");
      if (code !== 0) return reject(new Error(`bench case ${file} exited with ${code}`));
      process.stderr.write(lines.slice(0, -1).map((l) => `${l}\n`).join(""));
      const last = JSON.parse(lines[lines.length - 1]) as { figures: Record<string, number | string>; peakRssMb: number };
      resolve({ name: file, wallMs, peakRssMb: last.peakRssMb, figures: last.figures });
    });
  });
}
