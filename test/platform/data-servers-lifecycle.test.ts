import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { ok, platform, stopAll } from "./platform-harness";

/**
 * The data servers behind Heroku Postgres and Heroku Redis add-ons over their
 * lifetime: what a destroy leaves (nothing), what a killed platform leaves
 * (its servers, adopted by the next start), and add-ons kept as records only
 * made real by a later start with servers. Real psql and redis-cli throughout.
 */

const PROJECT = join(__dirname, "..", "..");

interface Output {
  readonly code: number;
  /** stdout and stderr, trimmed. */
  readonly text: string;
}

/** Runs a program to its end and answers its exit code and output, failures included (internal helper). */
function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Output> {
  return new Promise((resolve) => {
    execFile(program, args, { env: { ...process.env, ...env }, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, text: `${stdout}${stderr}`.trim() });
    });
  });
}

/** What psql prints for one SQL command on a URL (tuples only, unaligned), over SSL; a failure throws with psql's words. */
async function psql(url: string, sql: string): Promise<string> {
  const out = await run("psql", [url, "-tAc", sql], { PGSSLMODE: "require", PGCONNECT_TIMEOUT: "10" });
  if (out.code !== 0) throw new Error(`psql ${sql} failed (${out.code}): ${out.text}`);
  return out.text;
}

/** What redis-cli prints for a command on a URL, errors included. */
async function redis(url: string, ...args: string[]): Promise<string> {
  const { REDISCLI_AUTH: _inherited, ...env } = process.env;
  return new Promise((resolve) => {
    execFile("redis-cli", ["-u", url, "--no-auth-warning", ...args], { env, encoding: "utf8", timeout: 30_000 }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`.trim()));
  });
}

/** The superuser's URL on the cluster behind a store URL's port (the password the platform keeps in its data dir). */
function superuserUrl(dataDir: string, port: string): string {
  const password = readFileSync(join(dataDir, "services", "postgres-superuser"), "utf8").trim();
  return `postgres://dynoform:${password}@127.0.0.1:${port}/postgres`;
}

/** Whether the database and role of a store URL exist, as the superuser sees them. */
async function databaseAndRole(dataDir: string, url: URL): Promise<{ database: boolean; role: boolean }> {
  const admin = superuserUrl(dataDir, url.port);
  const database = await psql(admin, `select count(*) from pg_database where datname = '${url.pathname.slice(1)}'`);
  const role = await psql(admin, `select count(*) from pg_roles where rolname = '${url.username}'`);
  return { database: database === "1", role: role === "1" };
}

type Api = { url: string; apiKey: string };

/** An app's config var once its add-on's server is up (its URL points at 127.0.0.1); waits a little should it not be yet. */
async function serverUrl(p: Api, app: string, name: string): Promise<URL> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = (await ok(p, "GET", `/apps/${app}/config-vars`))[name];
    if (typeof value === "string" && new URL(value).hostname === "127.0.0.1") return new URL(value);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} of ${app} never pointed at 127.0.0.1: ${JSON.stringify(await ok(p, "GET", `/apps/${app}/config-vars`))}`);
}

/** An app with a data add-on of `plan`; answers the add-on and its URL once its server is up. */
async function appWithAddon(p: Api, app: string, plan: string, configVar: string): Promise<{ addon: any; url: URL }> {
  await ok(p, "POST", "/apps", { name: app });
  const addon = await ok(p, "POST", `/apps/${app}/addons`, { plan });
  return { addon, url: await serverUrl(p, app, configVar) };
}

/** Whether a process is alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** The postmaster's pid of the data dir's cluster. */
function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, "services", "postgres", "data", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** The pid of a Redis add-on's server. */
function redisPid(dataDir: string, addonId: string): number {
  return Number(readFileSync(join(dataDir, "services", "redis", addonId, "redis.pid"), "utf8").trim());
}

/** The processes whose command line names the data dir (pgrep -f), as "pid command" lines. */
async function processesOf(dataDir: string): Promise<string> {
  return (await run("pgrep", ["-af", dataDir])).text;
}

/** A platform in a process of its own (to be killed with SIGKILL); answers once it serves. */
async function platformInChild(dataDir: string): Promise<{ child: ChildProcess; url: string; apiKey: string }> {
  const scriptDir = mkdtempSync(join(tmpdir(), "dynoform-child-"));
  scratch.push(scriptDir);
  const script = join(scriptDir, "serve.ts");
  writeFileSync(
    script,
    `import { startPlatform } from ${JSON.stringify(join(PROJECT, "platform"))};
void (async () => {
  const p = await startPlatform({ dataDir: ${JSON.stringify(dataDir)}, port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  process.stdout.write(JSON.stringify({ url: p.url, apiKey: p.apiKey }) + "\\n");
  setInterval(() => undefined, 1 << 30);
})();
`,
  );
  // node itself (not npx, which would leave its child behind a SIGKILL) with tsx's loader
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: PROJECT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the platform process exited (${code}) before serving: ${stderr}`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; apiKey: string }) };
}

/** Kills a process with SIGKILL and waits until it is gone. */
async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(child.pid!, "SIGKILL");
  await exited;
}

const children: ChildProcess[] = [];
const scratch: string[] = [];
/** Data dirs whose servers a killed platform may have left running. */
const orphaned: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) await killHard(child);
  await stopAll();
  // A test that failed between the kill and the adoption: a platform on the data dir adopts the servers and stops them.
  for (const dataDir of orphaned.splice(0)) {
    await platform({ dataDir });
    await stopAll();
  }
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("data servers over an add-on's life", () => {
  it("leaves no database and no role once a Heroku Postgres add-on is destroyed", async () => {
    // GIVEN an app with a Heroku Postgres add-on whose database and role exist on the cluster
    const p = await platform();
    const { addon, url } = await appWithAddon(p, "pg-destroyed", "heroku-postgresql:essential-0", "DATABASE_URL");
    expect(await psql(url.href, "select current_user")).toBe(url.username);
    expect(await databaseAndRole(p.dataDir, url)).toEqual({ database: true, role: true });
    // WHEN the add-on is destroyed
    await ok(p, "DELETE", `/apps/pg-destroyed/addons/${addon.id}`);
    // THEN the superuser finds neither its database nor its role, and its URL reaches nothing
    expect(await databaseAndRole(p.dataDir, url)).toEqual({ database: false, role: false });
    await expect(psql(url.href, "select 1")).rejects.toThrow(/password authentication failed|does not exist/);
    // AND the app no longer carries the URL
    expect((await ok(p, "GET", "/apps/pg-destroyed/config-vars")).DATABASE_URL).toBeUndefined();
  });

  it("leaves no database and no role once the app of a Heroku Postgres add-on is deleted", async () => {
    // GIVEN an app with a Heroku Postgres add-on holding a table, and another app's add-on on the same cluster
    const p = await platform();
    const { url } = await appWithAddon(p, "pg-app-deleted", "heroku-postgresql:essential-0", "DATABASE_URL");
    await psql(url.href, "create table notes (body text); insert into notes values ('kept?')");
    const other = await appWithAddon(p, "pg-app-kept", "heroku-postgresql:essential-0", "DATABASE_URL");
    expect(await databaseAndRole(p.dataDir, url)).toEqual({ database: true, role: true });
    // WHEN the app is deleted, its add-ons with it
    await ok(p, "DELETE", "/apps/pg-app-deleted");
    // THEN its database and role are gone
    expect(await databaseAndRole(p.dataDir, url)).toEqual({ database: false, role: false });
    // AND the other app's database is untouched
    expect(await databaseAndRole(p.dataDir, other.url)).toEqual({ database: true, role: true });
    expect(await psql(other.url.href, "select current_database()")).toBe(other.url.pathname.slice(1));
  });

  it("removes a destroyed Heroku Redis add-on's folder, and its port refuses connections", async () => {
    // GIVEN an app with a Heroku Redis add-on holding a key
    const p = await platform();
    const { addon, url } = await appWithAddon(p, "redis-destroyed", "heroku-redis:mini", "REDIS_URL");
    const folder = join(p.dataDir, "services", "redis", addon.id);
    expect(await redis(url.href, "SET", "greeting", "hello")).toBe("OK");
    expect(existsSync(join(folder, "redis.conf"))).toBe(true);
    const pid = redisPid(p.dataDir, addon.id);
    expect(alive(pid)).toBe(true);
    // WHEN the add-on is destroyed
    await ok(p, "DELETE", `/apps/redis-destroyed/addons/${addon.id}`);
    // THEN its folder is gone, its process has exited, and its port refuses connections
    expect(existsSync(folder)).toBe(false);
    await expect.poll(() => alive(pid)).toBe(false);
    expect(await redis(url.href, "PING")).toContain("Connection refused");
  });

  it("adopts the servers a platform killed with SIGKILL left running, data and URLs intact, and stops them on close", async () => {
    // GIVEN a platform in its own process, with a Postgres add-on holding a row and a Redis add-on holding a key
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-killed-"));
    scratch.push(dataDir);
    orphaned.push(dataDir);
    const first = await platformInChild(dataDir);
    const pg = await appWithAddon(first, "survivor", "heroku-postgresql:essential-0", "DATABASE_URL");
    const kv = await ok(first, "POST", "/apps/survivor/addons", { plan: "heroku-redis:mini" });
    const redisUrl = await serverUrl(first, "survivor", "REDIS_URL");
    await psql(pg.url.href, "create table notes (body text); insert into notes values ('written before the kill')");
    expect(await redis(redisUrl.href, "SET", "kept", "yes")).toBe("OK");
    const [postmaster, redisServer] = [postmasterPid(dataDir), redisPid(dataDir, kv.id)];
    expect(await processesOf(dataDir)).toContain(String(postmaster));
    // WHEN that process is killed with SIGKILL
    await killHard(first.child);
    // THEN its servers still run
    expect(alive(postmaster)).toBe(true);
    expect(alive(redisServer)).toBe(true);
    // WHEN a platform starts on the same data dir
    const second = await platform({ dataDir });
    // THEN it adopted the same servers: same processes, the same URLs, and the data written before reads through them
    expect(postmasterPid(dataDir)).toBe(postmaster);
    expect(redisPid(dataDir, kv.id)).toBe(redisServer);
    const vars = await ok(second, "GET", "/apps/survivor/config-vars");
    expect(vars.DATABASE_URL).toBe(pg.url.href);
    expect(vars.REDIS_URL).toBe(redisUrl.href);
    expect(await psql(vars.DATABASE_URL, "select body from notes")).toBe("written before the kill");
    expect(await redis(vars.REDIS_URL, "GET", "kept")).toBe("yes");
    // WHEN it closes
    await stopAll();
    // THEN no process of that data dir runs any more
    expect(alive(postmaster)).toBe(false);
    await expect.poll(() => alive(redisServer)).toBe(false);
    expect(existsSync(join(dataDir, "services", "postgres", "data", "postmaster.pid"))).toBe(false);
    expect(await processesOf(dataDir)).toBe("");
    expect(await redis(redisUrl.href, "PING")).toContain("Connection refused");
    orphaned.splice(orphaned.indexOf(dataDir), 1);
  });

  it("keeps add-ons as records with data servers off, and a later start with servers makes them real", async () => {
    // GIVEN a platform with data servers off
    const off = await platform({ dataServers: false });
    // THEN it runs no data server, and says its data add-ons are records only
    expect(off.dataServers).toEqual([]);
    expect(off.recordsOnly).toHaveLength(1);
    expect(off.recordsOnly[0]).toMatch(/data servers are off.*records only/);
    // WHEN an app gets a Heroku Postgres add-on and it provisions
    await ok(off, "POST", "/apps", { name: "records-first" });
    await ok(off, "POST", "/apps/records-first/addons", { plan: "heroku-postgresql:essential-0" });
    const addons = await ok(off, "GET", "/apps/records-first/addons");
    expect(addons.map((a: any) => a.state)).toEqual(["provisioned"]);
    // THEN its URL names a host that does not exist, and no server was started
    const recorded = new URL((await ok(off, "GET", "/apps/records-first/config-vars")).DATABASE_URL);
    expect(recorded.hostname).toMatch(/\.dynoform\.internal$/);
    expect(existsSync(join(off.dataDir, "services", "postgres"))).toBe(false);
    // WHEN the platform closes and starts again on the same data dir, with servers
    await stopAll();
    const on = await platform({ dataDir: off.dataDir });
    expect(on.dataServers.join("\n")).toMatch(/Heroku Postgres: PostgreSQL/);
    expect(on.recordsOnly.join("\n")).not.toMatch(/Heroku Postgres/);
    // THEN the add-on's URL points at the local server, with the same credential and database
    const real = new URL((await ok(on, "GET", "/apps/records-first/config-vars")).DATABASE_URL);
    expect(real.hostname).toBe("127.0.0.1");
    expect([real.username, real.password, real.pathname]).toEqual([recorded.username, recorded.password, recorded.pathname]);
    // AND psql connects through it to its own database
    expect(await psql(real.href, "select current_user || ' ' || current_database()")).toBe(`${real.username} ${real.pathname.slice(1)}`);
  });

  it.skipIf(process.getuid?.() !== 0)("under root, keeps add-ons as records when the data folder sits inside a private one, and says why", async () => {
    // GIVEN a data folder inside a folder only root may pass through
    const closed = mkdtempSync(join(tmpdir(), "dynoform-private-"));
    const p = await platform({ dataDir: join(closed, "data") });
    // THEN the servers, which run as system users, cannot reach it: both engines say so, naming the folder
    expect(p.dataServers).toEqual([]);
    expect(p.recordsOnly).toEqual([
      expect.stringMatching(new RegExp(`^Heroku Postgres add-ons are kept as records only: .*system user (postgres|nobody), which cannot pass through ${closed} `)),
      expect.stringMatching(new RegExp(`^Heroku Redis add-ons are kept as records only: .*system user (redis|nobody), which cannot pass through ${closed} `)),
    ]);
    // AND an add-on still provisions, as a record
    await ok(p, "POST", "/apps", { name: "records-private" });
    await ok(p, "POST", "/apps/records-private/addons", { plan: "heroku-postgresql:essential-0" });
    expect((await ok(p, "GET", "/apps/records-private/addons"))[0].state).toBe("provisioned");
  });

  it("starts PostgreSQL again when it died under the platform, and the databases come back on their URLs", async () => {
    // GIVEN a platform with a Heroku Postgres add-on holding a row
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "pg-dies" });
    await ok(p, "POST", "/apps/pg-dies/addons", { plan: "heroku-postgresql:essential-0", name: "pg-dies-first" });
    const first = (await ok(p, "GET", "/apps/pg-dies/config-vars")).DATABASE_URL;
    await psql(first, "create table kept (x int); insert into kept values (7)");
    // WHEN its server is killed outright
    const pid = Number(readFileSync(join(p.dataDir, "services", "postgres", "data", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 100 && existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "); i++) await new Promise((r) => setTimeout(r, 50));
    // AND another add-on is created
    await ok(p, "POST", "/apps/pg-dies/addons", { plan: "heroku-postgresql:essential-0", name: "pg-dies-second", attachment: { name: "SECOND" } });
    const vars = await ok(p, "GET", "/apps/pg-dies/config-vars");
    // THEN the server runs again: the new database connects, and the first is back on the same URL with its row
    expect(await psql(vars.SECOND_URL, "select 1")).toBe("1");
    expect(vars.DATABASE_URL).toBe(first);
    expect(await psql(first, "select x from kept")).toBe("7");
  });
});
