/**
 * A steady client's GET /apps latency, one request at a time on a keep-alive
 * connection, to the embedded platform in its own process (`dynoform
 * platform start`): alone, then beside the 300 hostile clients of
 * hostile-clients.ts (their own process too). The rate limit is lifted, so
 * that every hostile body is met rather than refused with a 429. Reports
 * p50/p99 of each phase, what the hostile clients met, and the platform's
 * CPU time in each phase and peak memory after it.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { platformApiKey, startDetached } from "../../deploy/platform-process";
import { runCase } from "../measure";

/** Longer than the platform's headers timeout, so that clients sending headers slowly are cut off within it. */
const PHASE_MS = 8000;

interface Target {
  readonly url: string;
  readonly apiKey: string;
}

const headers = (target: Target) => ({ Authorization: `Bearer ${target.apiKey}`, Accept: "application/vnd.heroku+json; version=3" });

/** GET /apps one after the other until the deadline; each one's latency in ms (internal helper). */
async function steady(target: Target, until: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  while (Date.now() < until) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = request(`${target.url}/apps`, { agent, headers: headers(target) }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`GET /apps answered ${res.statusCode}`));
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end();
    });
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  return latencies;
}

/** The platform process's peak resident memory so far, in MiB (internal helper). */
function peakMb(pid: number): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return hwm ? Math.round(Number(hwm) / 1024) : Number.NaN;
}

/** The platform process's CPU time so far (user and system), in ms (internal helper). */
function cpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, counted after the command's closing parenthesis, in clock ticks of 10 ms.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")")[1].trim().split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

export default async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-bench-load-"));
  const server = await startDetached(join(dir, "platform"), 0, ["--rate-limit", "1000000000000"]);
  try {
    const target = { url: server.url, apiKey: platformApiKey(join(dir, "platform")) };
    const created = await fetch(`${server.url}/apps`, { method: "POST", headers: { ...headers(target), "Content-Type": "application/json" }, body: '{"name":"bench-load"}' });
    if (created.status !== 201) throw new Error(`POST /apps answered ${created.status}`);
    await steady(target, Date.now() + 500); // warm-up: JIT and the connection
    const cpuBefore = cpuMs(server.pid);
    const idle = await steady(target, Date.now() + PHASE_MS);
    const [idlePeakMb, idleCpuMs] = [peakMb(server.pid), cpuMs(server.pid) - cpuBefore];
    // The hostile clients outlast the measured phase, which starts once they are all under way.
    const ready = join(dir, "hostile-ready");
    const hostile = runCase("hostile-clients", [server.url, target.apiKey, String(PHASE_MS + 2000), ready]);
    let failed = false;
    hostile.catch(() => (failed = true));
    while (!existsSync(ready) && !failed) await new Promise((resolve) => setTimeout(resolve, 20));
    const cpuBeforeLoad = cpuMs(server.pid);
    const loaded = await steady(target, Date.now() + PHASE_MS);
    const loadCpuMs = cpuMs(server.pid) - cpuBeforeLoad;
    const met = (await hostile).figures;
    const { hostileCpuMs, ...byKind } = met;
    for (const [kind, outcomes] of Object.entries(byKind)) console.log(`load: ${kind} clients met ${outcomes}`);
    console.log(`load: the hostile clients took ${hostileCpuMs} ms of CPU`);
    return {
      idleRequests: idle.length,
      idleP50Ms: percentile(idle, 50),
      idleP99Ms: percentile(idle, 99),
      idlePeakMb,
      idleCpuMs,
      loadRequests: loaded.length,
      loadP50Ms: percentile(loaded, 50),
      loadP99Ms: percentile(loaded, 99),
      loadPeakMb: peakMb(server.pid),
      loadCpuMs,
      ...met,
    };
  } finally {
    process.kill(server.pid, "SIGTERM");
  }
}
