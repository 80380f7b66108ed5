/**
 * `terraform apply -parallelism=10` of N apps, each with config vars, a
 * build, a web formation (after the build), a custom domain and an add-on,
 * against the embedded platform answering every API request 30 ms late.
 * Run with dynoform's local provider (`local`) or with the real heroku/heroku
 * 5.3.2 binary (`reference`, from the filesystem mirror named by
 * DYNOFORM_REFERENCE_PROVIDER_MIRROR). Reports wall time, API requests per
 * resource type (from the platform's request log), and the critical-path
 * bound: latency × the most of (the chain app → build → formation in
 * requests; all requests / parallelism; every add-on create in a row, since
 * the provider — the real one too — creates one add-on at a time).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform } from "../../platform";
import { installLocalProvider } from "../../provider/install/install-provider";

const PARALLELISM = 10;
type Kind = "app" | "build" | "formation" | "domain" | "addon";

/** Which resource type an API request serves, by its path (internal helper). */
function kindOf(path: string): Kind | undefined {
  if (/^\/blobs\/|^\/build-output\//.test(path)) return undefined; // the blob store is not the Platform API
  if (/\/(builds|sources|slugs)(\/|$)|^\/sources$/.test(path)) return "build";
  if (/\/formation(\/|$)|\/dynos(\/|$)/.test(path)) return "formation";
  if (/\/(domains|sni-endpoints)(\/|$)/.test(path)) return "domain";
  if (/\/addons?(\/|$)|^\/addons|\/addon-attachments/.test(path)) return "addon";
  return "app";
}

function config(n: number, url: string, source: string): object {
  const resource: Record<string, Record<string, object>> = { heroku_app: {}, heroku_build: {}, heroku_formation: {}, heroku_domain: {}, heroku_addon: {} };
  for (let i = 0; i < n; i++) {
    const app = `\${heroku_app.app_${i}.id}`;
    resource.heroku_app[`app_${i}`] = { name: `fleet-${i}`, region: "us", config_vars: { LOG_LEVEL: "info", WORKERS: "2" } };
    resource.heroku_build[`build_${i}`] = { app_id: app, source: { path: source } };
    resource.heroku_formation[`web_${i}`] = { app_id: app, type: "web", size: "basic", quantity: 1, depends_on: [`heroku_build.build_${i}`] };
    resource.heroku_domain[`domain_${i}`] = { app_id: app, hostname: `www.fleet-${i}.example.com` };
    resource.heroku_addon[`addon_${i}`] = { app_id: app, plan: "heroku-redis:mini" };
  }
  return {
    terraform: { required_providers: { heroku: { source: "heroku/heroku", version: "5.3.2" } } },
    provider: { heroku: { url, delays: [{ post_app_create_delay: 0, post_space_create_delay: 0, post_domain_create_delay: 0 }] } },
    resource,
  };
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
  const requests: { kind: Kind; line: string }[] = [];
  const platform = await startPlatform({
    dataDir: join(dir, "platform"),
    port: 0,
    rateLimitPerHour: 1e9,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 },
    faults: { rules: [{ kind: "latency", latencyMs }] },
    log: (line) => {
      const kind = kindOf(line.split(" ")[2]);
      if (kind) requests.push({ kind, line });
    },
  });
  try {
    const work = join(dir, "work");
    mkdirSync(work);
    writeFileSync(join(work, "main.tf.json"), JSON.stringify(config(n, platform.url, source)));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: cliConfig(dir, side), HEROKU_API_KEY: platform.apiKey };
    await terraform(work, ["init"], env);
    requests.length = 0;
    const started = process.hrtime.bigint();
    await terraform(work, ["apply", "-auto-approve", `-parallelism=${PARALLELISM}`], env);
    const wallMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    const per = (kind: Kind) => requests.filter((r) => r.kind === kind).length / n;
    const chain = per("app") + per("build") + per("formation");
    // Each add-on create also reads its app first (logged under "app"), inside the same lock.
    const addonsInARow = (per("addon") + 1) * n;
    const boundMs = Math.round(latencyMs * Math.max(chain, requests.length / PARALLELISM, addonsInARow));
    const figures: Record<string, number | string> = { side, apps: n, latencyMs, wallMs, boundMs, requests: requests.length };
    for (const kind of ["app", "build", "formation", "domain", "addon"] as const) figures[`perResource_${kind}`] = Number(per(kind).toFixed(2));
    return figures;
  } finally {
    await platform.close();
  }
}
