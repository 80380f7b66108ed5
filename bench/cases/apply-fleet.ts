/**
 * `terraform apply -parallelism=10` of N apps, each with config vars, a
 * build, a web formation (after the build), a custom domain and an add-on,
 * against the embedded platform answering every API request 30 ms late.
 * Run with dynoform's local provider (`local`) or with the real heroku/heroku
 * 5.3.2 binary (`reference`, from the filesystem mirror named by
 * DYNOFORM_REFERENCE_PROVIDER_MIRROR). Reports wall time, API requests per
 * resource type (from the platform's request log, by path), and the
 * critical-path bound: latency × the most of (the longest dependency chain's
 * requests; all requests / parallelism). Beside it, to explain a gap: the
 * add-on lock floor (the real provider creates one add-on at a time across
 * all apps, so its add-on requests cannot overlap; the local one serializes
 * them per app only), the requests in flight, and the commonest requests.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform } from "../../platform";
import { installLocalProvider } from "../../provider/install/install-provider";
import { KINDS, maxConcurrent, parseLine, topShapes, type Kind, type LoggedRequest } from "./request-log";

const PARALLELISM = 10;

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

/** A CLI config that installs heroku/heroku from a filesystem mirror (internal helper). */
function cliConfig(dir: string, side: string): string {
  if (side === "local") return installLocalProvider(join(dir, "provider")).cliConfigFile;
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

export default async function run([side, count, latency = "30"]: string[]): Promise<Record<string, number | string>> {
  const latencyMs = Number(latency);
  if (side !== "local" && side !== "reference") throw new Error(`apply side "${side}" is not local or reference`);
  const n = Number(count);
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
  try {
    const work = join(dir, "work");
    mkdirSync(work);
    writeFileSync(join(work, "main.tf.json"), JSON.stringify(config(n, platform.url, source)));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: cliConfig(dir, side), HEROKU_API_KEY: platform.apiKey, HEROKU_API_URL: platform.url };
    await terraform(work, ["init"], env);
    requests.length = 0;
    const started = process.hrtime.bigint();
    await terraform(work, ["apply", "-auto-approve", `-parallelism=${PARALLELISM}`], env);
    const wallMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    return { side, apps: n, latencyMs, wallMs, ...analyse(requests, n, latencyMs, wallMs) };
  } finally {
    await platform.close();
  }
}
