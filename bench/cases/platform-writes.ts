/**
 * What one write costs the platform: on a data file the size of a 50-app
 * estate (each app with config vars, a slug and its release, a web
 * formation, a custom domain and an add-on), N config var changes made one
 * after the other, then N more with 10 in flight at once (Terraform's
 * parallelism). The platform runs in its own process, so its CPU time (from
 * /proc) is its own and not the client's; figures are per write.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const APPS = 50;
const IN_FLIGHT = 10;
const ROOT = join(__dirname, "..", "..");

interface Target {
  readonly url: string;
  readonly apiKey: string;
}

/** The platform in a child process, on a fresh data dir (internal helper). */
async function startChild(): Promise<{ child: ChildProcess; target: Target; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "dynoform-bench-writes-"));
  // What a write costs the records is measured, not the data servers (bench addon-provisioning has those).
  const options = { dataDir, port: 0, rateLimitPerHour: 1e12, delays: { buildMs: 0, provisionMs: 0 }, dataServers: false };
  const script = `require("tsx/cjs"); require(${JSON.stringify(join(ROOT, "platform"))}).startPlatform(${JSON.stringify(options)}).then((p) => console.log(JSON.stringify({ url: p.url, apiKey: p.apiKey })));`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const target = await new Promise<Target>((resolve) => child.stdout?.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()))));
  return { child, target, dataDir };
}

/** CPU time (user + system) a process has used so far, in ms (internal helper). */
function cpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; clock ticks are 1/100 s on Linux.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/** One API call that must succeed (internal helper). */
function call(target: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${target.url}${path}`, {
      method,
      agent,
      headers: { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${target.apiKey}`, ...(text ? { "Content-Type": "application/json" } : {}) },
    });
    req.on("response", (res) => {
      let out = "";
      res.on("data", (chunk: Buffer) => (out += chunk.toString()));
      res.on("end", () => ((res.statusCode ?? 500) < 300 ? resolve(JSON.parse(out)) : reject(new Error(`${method} ${path} answered ${res.statusCode}: ${out}`))));
    });
    req.on("error", reject);
    req.end(text);
  });
}

/** The apply-fleet estate, made through the API (internal helper). */
async function estate(target: Target): Promise<void> {
  for (let i = 0; i < APPS; i++) {
    const app = `fleet-${i}`;
    await call(target, "POST", "/apps", { name: app });
    await call(target, "PATCH", `/apps/${app}/config-vars`, { LOG_LEVEL: "info", WORKERS: "2" });
    const slug = (await call(target, "POST", `/apps/${app}/slugs`, { process_types: { web: "node server.js" } })) as { id: string };
    await call(target, "POST", `/apps/${app}/releases`, { slug: slug.id });
    await call(target, "PATCH", `/apps/${app}/formation/web`, { quantity: 1, size: "basic" });
    await call(target, "POST", `/apps/${app}/domains`, { hostname: `www.${app}.example.com` });
    await call(target, "POST", `/apps/${app}/addons`, { plan: "heroku-postgresql:essential-0" });
  }
  // Settles the add-ons' provisioning.
  await call(target, "GET", "/apps");
}

/** The n-th config var change, spread over the apps (internal helper). */
function change(target: Target, n: number): Promise<unknown> {
  return call(target, "PATCH", `/apps/fleet-${n % APPS}/config-vars`, { [`BENCH_${n % 7}`]: String(n) });
}

/** Wall and platform CPU per write for `n` changes, `inFlight` at a time (internal helper). */
async function measure(target: Target, pid: number, n: number, inFlight: number): Promise<{ msPerWrite: number; cpuMsPerWrite: number }> {
  const [cpu, started] = [cpuMs(pid), process.hrtime.bigint()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) await change(target, next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { msPerWrite: Number((wallMs / n).toFixed(2)), cpuMsPerWrite: Number(((cpuMs(pid) - cpu) / n).toFixed(2)) };
}

export default async function run([count = "200"]: string[]): Promise<Record<string, number | string>> {
  const n = Number(count);
  const { child, target, dataDir } = await startChild();
  try {
    await estate(target);
    const pid = child.pid as number;
    const sequential = await measure(target, pid, n, 1);
    const concurrent = await measure(target, pid, n, IN_FLIGHT);
    const dataKb = Math.round(statSync(join(dataDir, "platform.json")).size / 1024);
    return {
      writes: n,
      dataKb,
      sequentialMsPerWrite: sequential.msPerWrite,
      sequentialCpuMsPerWrite: sequential.cpuMsPerWrite,
      concurrentMsPerWrite: concurrent.msPerWrite,
      concurrentCpuMsPerWrite: concurrent.cpuMsPerWrite,
    };
  } finally {
    agent.destroy();
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
