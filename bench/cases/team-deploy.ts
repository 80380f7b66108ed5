/**
 * Two working copies deploying the example estate, cold, through one pg state
 * backend to one embedded platform: `concurrent` starts both deploys at once,
 * `serial` runs one after the other. Each side gets a fresh PostgreSQL and a
 * fresh platform, so both do the same work: one deploy creates each stack,
 * the other finds it done. Terraform's lock serializes a stack, not the
 * estate: at the same time, one copy can apply staging while the other
 * applies production, and each then waits for the other's stack. The copies
 * are two DYNOFORM_HOMEs of this project (each with its own synthesized
 * tree, Terraform working dirs and provider mirror); the lock is what is
 * measured, not the copying of the project.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPostgres } from "../../test/support/postgres-server";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "dynoform.js");

/** One `dynoform deploy --target local`, without blocking the other: its wall time (internal helper). */
function deploy(env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "deploy", "--target", "local"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-6000)));
    child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-6000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Math.round(Number(process.hrtime.bigint() - started) / 1e6)) : reject(new Error(`deploy failed:\n${output}`))));
  });
}

/** The dynoform CLI, run to its end (internal helper). */
function dynoform(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`dynoform ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export default async function run([mode]: string[]): Promise<Record<string, number | string>> {
  if (mode !== "concurrent" && mode !== "serial") throw new Error(`team-deploy mode "${mode}" is not concurrent or serial`);
  const pg = await startPostgres();
  const [platformHome, ...homes] = ["platform", "a", "b"].map((name) => mkdtempSync(join(tmpdir(), `dynoform-bench-team-${name}-`)));
  const platformEnv = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: platformHome, DYNOFORM_PLATFORM_PORT: "0" };
  try {
    dynoform(["platform", "start"], platformEnv);
    const exported = Object.fromEntries([...dynoform(["platform", "env"], platformEnv).matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    // The same secrets on both copies, as a shared backend requires.
    const secrets = Object.fromEntries(["production", "staging"].map((env) => [`TF_VAR_${env}_secret_key`, randomBytes(16).toString("hex")]));
    const envs = homes.map((home) => ({ ...process.env, ...exported, ...secrets, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_BACKEND: "pg", PG_CONN_STR: pg.url }));
    const started = process.hrtime.bigint();
    // At once, "first" is the deploy that finished first; one after the other, the one that ran first.
    const [firstMs, secondMs] = mode === "concurrent" ? (await Promise.all(envs.map(deploy))).sort((x, y) => x - y) : [await deploy(envs[0]), await deploy(envs[1])];
    const wallMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    return { mode, wallMs, firstMs, secondMs };
  } finally {
    spawnSync(process.execPath, [BIN, "platform", "stop"], { cwd: ROOT, env: platformEnv });
    pg.stop();
    for (const home of [platformHome, ...homes]) rmSync(home, { recursive: true, force: true });
  }
}
