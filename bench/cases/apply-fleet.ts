/**
 * `terraform apply -parallelism=10` of N apps, each with config vars, a
 * build, a web formation (after the build), a custom domain and an add-on,
 * against the embedded platform answering every API request 30 ms late.
 * Three ways to run it:
 * - `dynoform`: as `dynoform deploy` (and `npm start`) runs it: one local
 *   provider process started beforehand (deploy/local-provider.ts) that
 *   Terraform reattaches to, and `terraform apply -json`.
 * - `terraform`: plain `terraform apply`, which starts the local provider
 *   itself, several times a command, as `cdktf deploy` or a user's own
 *   Terraform does.
 * - `reference`: the same with the real heroku/heroku 5.3.2 binary (from the
 *   filesystem mirror named by DYNOFORM_REFERENCE_PROVIDER_MIRROR).
 * Each is run several times, each on a fresh platform; the figures are those
 * of the run with the median wall time. Reports wall time, API requests per
 * resource type (from the platform's request log, by path), and the
 * critical-path bound: latency × the most of (the longest dependency chain's
 * requests; all requests / parallelism). Beside it, to explain a gap: the
 * add-on lock floor (the real provider creates one add-on at a time across
 * all apps, so its add-on requests cannot overlap; the local one serializes
 * them per app only), the requests in flight, and the commonest requests.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalProvider } from "../../deploy/local-provider";
import { startPlatform } from "../../platform";
import { installLocalProvider } from "../../provider/install/install-provider";
import { KINDS, maxConcurrent, parseLine, topShapes, type Kind, type LoggedRequest } from "./request-log";

const PARALLELISM = 10;
const SIDES = ["dynoform", "terraform", "reference"] as const;
type Side = (typeof SIDES)[number];

function config(n: number, url: string, source: string): object {
  const resource: Record<string, Record<string, object>> = { heroku_app: {}, heroku_build: {}, heroku_formation: {}, heroku_domain: {}, heroku_addon: {} };
  for (let i = 0; i < n; i++) {
    const app = `\${heroku_app.app_${i}.id}`;
    resource.heroku_app[`app_${i}`] = { name: `fleet-${i}`, region: "us", config_vars: { LOG_LEVEL: "info", WORKERS: "2" } };
    resource.heroku_build[`build_${i}`] = { app_id: app, source: { path: source } };
    resource.heroku_formation[`web_${i}`] = { app_id: app, type: "web", size: "basic", quantity: 1, depends_on: [`heroku_build.build_${i}`] };
    resource.heroku_domain[`domain_${i}`] = { app_id: app, hostname: `www.fleet-${i}.example.com` };
    resource.heroku_addon[`addon_${i}`] = { app_id: app, plan: "heroku-postgresql:essential-0" };
  }
  return {
    terraform: { required_providers: { heroku: { source: "heroku/heroku", version: "5.3.2" } } },
    provider: { heroku: { url, delays: [{ post_app_create_delay: 0, post_space_create_delay: 0, post_domain_create_delay: 0 }] } },
    resource,
  };
}

/** The bound and what explains a gap to it, from the requests the apply made (internal helper). */
function analyse(requests: readonly LoggedRequest[], n: number, latencyMs: number, wallMs: number): Record<string, number | string> {
  const per = (kind: Kind) => requests.filter((r) => r.kind === kind).length / n;
  // Every resource hangs off its app; the formation waits for the build too.
  const chain = per("app") + Math.max(per("build") + per("formation"), per("domain"), per("addon"));
  const boundMs = Math.round(latencyMs * Math.max(chain, requests.length / PARALLELISM));
  const busyMs = requests.reduce((sum, r) => sum + r.end - r.start, 0);
  const figures: Record<string, number | string> = {
    boundMs,
    requests: requests.length,
    chainRequests: Number(chain.toFixed(2)),
    addonLockFloorMs: Math.round(latencyMs * per("addon") * n),
    addonCreatesAtOnce: maxConcurrent(requests, (r) => r.method === "POST" && /\/addons$/.test(r.path)),
    peakInFlight: maxConcurrent(requests, () => true),
    meanInFlight: Number((busyMs / wallMs).toFixed(2)),
    failedRequests: requests.filter((r) => r.status >= 400).length,
    topRequests: topShapes(requests),
  };
  for (const kind of KINDS) figures[`requests_${kind}`] = requests.filter((r) => r.kind === kind).length;
  return figures;
}

/** A CLI config that installs the real heroku/heroku from the filesystem mirror the environment names (internal helper). */
function referenceCliConfig(dir: string): string {
  const mirror = process.env.DYNOFORM_REFERENCE_PROVIDER_MIRROR;
  if (!mirror) throw new Error("set DYNOFORM_REFERENCE_PROVIDER_MIRROR to a filesystem mirror holding the real heroku/heroku 5.3.2");
  const file = join(dir, "reference.tfrc");
  writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["heroku/heroku"]\n  }\n  direct {\n    exclude = ["heroku/heroku"]\n  }\n}\n`);
  return file;
}

/** Terraform, run without blocking: the platform answering it lives in this process (internal helper). */
function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args, "-no-color", "-input=false"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-6000)));
    child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-6000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`terraform ${args[0]} failed:\n${output}`))));
  });
}

/** One apply on a fresh platform: its wall time and the requests it made (internal helper). */
async function applyOnce(side: Side, n: number, latencyMs: number): Promise<{ wallMs: number; requests: LoggedRequest[] }> {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-bench-fleet-"));
  const source = join(dir, "src");
  mkdirSync(source);
  writeFileSync(join(source, "Procfile"), "web: python app.py\n");
  writeFileSync(join(source, "app.py"), "print('hello')\n");
  const requests: LoggedRequest[] = [];
  const platform = await startPlatform({
    dataDir: join(dir, "platform"),
    port: 0,
    rateLimitPerHour: 1e9,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 },
    faults: { rules: [{ kind: "latency", latencyMs }] },
    // Terraform's and the providers' walk is measured, not PostgreSQL making 50 databases (bench addon-provisioning has that).
    dataServers: false,
    log: (line) => {
      const request = parseLine(line);
      if (request) requests.push(request);
    },
  });
  const api = { HEROKU_API_KEY: platform.apiKey, HEROKU_API_URL: platform.url };
  let provider: ReturnType<typeof startLocalProvider> | undefined;
  try {
    const work = join(dir, "work");
    mkdirSync(work);
    writeFileSync(join(work, "main.tf.json"), JSON.stringify(config(n, platform.url, source)));
    const local = side === "reference" ? undefined : installLocalProvider(join(dir, "provider"));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: local?.cliConfigFile ?? referenceCliConfig(dir), ...api };
    await terraform(work, ["init"], env);
    let apply = ["apply", "-auto-approve", `-parallelism=${PARALLELISM}`];
    if (side === "dynoform" && local) {
      // Started, as the deploy starts it while it synthesizes, before the clock runs.
      provider = startLocalProvider(local.packageDir, api);
      Object.assign(env, await provider.reattachEnv(work));
      apply = ["apply", "-json", "-auto-approve", `-parallelism=${PARALLELISM}`];
    }
    requests.length = 0;
    const started = process.hrtime.bigint();
    await terraform(work, apply, env);
    return { wallMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6), requests };
  } finally {
    await provider?.stop();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function run([side, count, latency = "30", runs = "3"]: string[]): Promise<Record<string, number | string>> {
  if (!SIDES.includes(side as Side)) throw new Error(`apply side "${side}" is not one of ${SIDES.join(", ")}`);
  const [n, latencyMs] = [Number(count), Number(latency)];
  const results: { wallMs: number; requests: LoggedRequest[] }[] = [];
  for (let i = 0; i < Number(runs); i++) results.push(await applyOnce(side as Side, n, latencyMs));
  const walls = results.map((r) => r.wallMs).sort((a, b) => a - b);
  const median = results.find((r) => r.wallMs === walls[Math.floor(walls.length / 2)])!;
  return { side, apps: n, latencyMs, wallMs: median.wallMs, wallRunsMs: walls.join(" "), ...analyse(median.requests, n, latencyMs, median.wallMs) };
}
