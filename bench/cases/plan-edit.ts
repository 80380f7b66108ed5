/**
 * One stack planned after a one-line edit of its environment file, three
 * ways, on the example estate deployed to the embedded platform in a fresh
 * DYNOFORM_HOME (each run edits the log level, so each plans one change):
 * - `dynoform plan production --target local`: in-process synth, no init
 *   (fingerprint), one reattached provider;
 * - `cdktf diff production` as dynoform ran it before: cdktf's synth (a
 *   second Node), `terraform init`, then `terraform plan`, which starts the
 *   provider itself;
 * - the floor: `dynoform synth` (a whole process) then `terraform plan` run
 *   by hand in the stack's folder, the provider started by Terraform.
 * Wall times as a user waits for them, alternating, median of `runs`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "dynoform.js");

/** Runs a command to its end; @returns its wall time in ms (internal helper). */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  if (!/1 to change/.test(result.stdout)) throw new Error(`${command} ${args.join(" ")} planned no change:\n${result.stdout}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);

export default async function run([runs = "3"]: string[]): Promise<Record<string, number | string>> {
  const project = mkdtempSync(join(tmpdir(), "dynoform-bench-plan-"));
  const environments = join(project, "environments");
  const home = join(project, "home");
  cpSync(join(ROOT, "environments"), environments, { recursive: true });
  symlinkSync(join(ROOT, "apps"), join(project, "apps"));
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_ENVIRONMENTS: environments };
  const file = join(environments, "production.yaml");
  let level = 0;
  // Each run plans one change against the deployed "info": a level it has not had yet.
  const edit = () => writeFileSync(file, readFileSync(file, "utf8").replace(/LOG_LEVEL: \w+/, `LOG_LEVEL: level${++level}`));
  try {
    const deploy = spawnSync(process.execPath, [BIN, "deploy", "--target", "local"], { cwd: ROOT, env, encoding: "utf8" });
    if (deploy.status !== 0) throw new Error(`the deploy failed:\n${deploy.stdout}${deploy.stderr}`);
    // What dynoform's target gives cdktf and Terraform (deploy/local-target.ts), and the secrets it generated.
    const local = join(home, "local");
    const server = JSON.parse(readFileSync(join(home, "platform", "server.json"), "utf8")) as { url: string };
    const apiKey = (JSON.parse(readFileSync(join(home, "platform", "credentials.json"), "utf8")) as { apiKey: string }).apiKey;
    const secrets = JSON.parse(readFileSync(join(local, "secrets.json"), "utf8")) as Record<string, string>;
    const targetEnv: NodeJS.ProcessEnv = {
      ...env,
      DYNOFORM_TARGET: "local",
      DYNOFORM_API_URL: server.url,
      DYNOFORM_STATE_DIR: join(local, "state"),
      DYNOFORM_PROVIDER_JOURNAL: join(local, "provider-journal.jsonl"),
      HEROKU_API_KEY: apiKey,
      TF_CLI_CONFIG_FILE: join(local, "terraform", "cli.tfrc"),
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
      CI: "1",
      ...Object.fromEntries(Object.entries(secrets).map(([name, value]) => [`TF_VAR_${name}`, value])),
    };
    const outDir = join(local, "cdktf.out");
    const [dynoform, cdktf, raw] = [[], [], []] as number[][];
    for (let i = 0; i < Number(runs); i++) {
      edit();
      dynoform.push(timed(process.execPath, [BIN, "plan", "production", "--target", "local"], env));
      edit();
      cdktf.push(timed(join(ROOT, "node_modules", ".bin", "cdktf"), ["diff", "production", "--output", outDir, "--skip-provider-lock", "--no-color"], targetEnv));
      edit();
      const started = process.hrtime.bigint();
      const synth = spawnSync(process.execPath, [BIN, "synth", "--target", "local", "--out", outDir], { cwd: ROOT, env: targetEnv, encoding: "utf8" });
      if (synth.status !== 0) throw new Error(`dynoform synth failed:\n${synth.stdout}${synth.stderr}`);
      timed("terraform", ["plan", "-input=false", "-no-color"], targetEnv, join(outDir, "stacks", "production"));
      raw.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return { dynoformMs: median(dynoform), cdktfDiffMs: median(cdktf), rawMs: median(raw), runs: Number(runs) };
  } finally {
    const stop = spawnSync(process.execPath, [BIN, "platform", "stop", "--data", join(home, "platform")], { cwd: ROOT, env, encoding: "utf8" });
    if (stop.status !== 0) console.error(`platform stop failed: ${stop.stdout}${stop.stderr}`);
  }
}
