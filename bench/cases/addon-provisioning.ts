/**
 * What a data add-on costs to provision: on a platform with no provisioning
 * delay, N apps each get a Heroku Postgres and a Heroku Redis add-on, one at
 * a time; each is timed from its create to `provisioned` (the next request
 * settles it: its database and role, or its Redis process, made first). The
 * first Postgres add-on also starts the server (initdb on a fresh data dir)
 * and is reported apart. `records` as the first argument runs the same with
 * the add-ons kept as records (`dataServers: false`): the baseline.
 */
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform, type RunningPlatform } from "../../platform";

/** One request, its JSON answer (internal helper). */
async function call(p: RunningPlatform, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${p.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${p.apiKey}`, Accept: "application/vnd.heroku+json; version=3", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Creates an add-on and waits until it is provisioned; the milliseconds that took (internal helper). */
async function provision(p: RunningPlatform, app: string, plan: string): Promise<number> {
  const started = process.hrtime.bigint();
  const addon = await call(p, "POST", `/apps/${app}/addons`, { plan });
  while ((await call(p, "GET", `/addons/${addon.id}`)).state !== "provisioned");
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function run(args: string[]): Promise<Record<string, number | string>> {
  const n = Number(args[1] ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), "dynoform-bench-addons-"));
  chmodSync(dataDir, 0o711);
  const p = await startPlatform({ dataDir, port: 0, rateLimitPerHour: 1e12, delays: { provisionMs: 0 }, dataServers: args[0] !== "records" });
  try {
    const [postgres, redis]: number[][] = [[], []];
    for (let i = 0; i < n; i++) {
      await call(p, "POST", "/apps", { name: `bench-addons-${i}` });
      postgres.push(await provision(p, `bench-addons-${i}`, "heroku-postgresql:essential-0"));
      redis.push(await provision(p, `bench-addons-${i}`, "heroku-redis:mini"));
    }
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return { firstPostgresMs: round(postgres[0]), postgresMs: round(median(postgres.slice(1))), redisMs: round(median(redis)), addons: 2 * n };
  } finally {
    await p.close();
  }
}
