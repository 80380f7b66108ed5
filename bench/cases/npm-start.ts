/**
 * `npm start` (`dynoform deploy --target local`) in a fresh DYNOFORM_HOME:
 * cold (starts the platform, installs the provider, creates everything)
 * then warm (nothing to change). Wall time of each, as a user waits for it,
 * and the largest process of the deploy's tree (GNU time's %M: the biggest
 * of the processes it waited for — cdktf, terraform, the provider).
 * `records` as the argument runs it with the data add-ons kept as records
 * (DYNOFORM_DATA_SERVERS=off): the baseline for what starting the real
 * PostgreSQL and Redis servers costs.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "dynoform.js");

const GNU_TIME = "/usr/bin/time";

function timed(args: string[], env: NodeJS.ProcessEnv, home: string): { ms: number; peakMb: number | string } {
  const rss = join(home, "max-rss-kb");
  const command = [process.execPath, BIN, ...args];
  const [program, ...rest] = existsSync(GNU_TIME) ? [GNU_TIME, "-f", "%M", "-o", rss, ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(program, rest, { cwd: ROOT, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`dynoform ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return { ms, peakMb: existsSync(rss) ? Math.round(Number(readFileSync(rss, "utf8").trim()) / 1024) : "n/a (no GNU time)" };
}

export default async function run(args: string[]): Promise<Record<string, number | string>> {
  const home = mkdtempSync(join(tmpdir(), "dynoform-bench-home-"));
  // Passable by the system users the data servers run as under root, as a user's home is.
  chmodSync(home, 0o711);
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_DATA_SERVERS: args[0] === "records" ? "off" : "on" };
  try {
    const cold = timed(["deploy", "--target", "local"], env, home);
    const warm = timed(["deploy", "--target", "local"], env, home);
    return { coldMs: cold.ms, warmMs: warm.ms, coldPeakMb: cold.peakMb, warmPeakMb: warm.peakMb };
  } finally {
    // The deploy left its platform running detached: stop it by its data dir (deploy/local-paths.ts).
    const stop = spawnSync(process.execPath, [BIN, "platform", "stop", "--data", join(home, "platform")], { cwd: ROOT, env, encoding: "utf8" });
    if (stop.status !== 0) console.error(`platform stop failed: ${stop.stdout}${stop.stderr}`);
  }
}
