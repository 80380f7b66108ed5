import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { herokuCliOnPlatform } from "./heroku-cli-harness";
import { ok } from "./platform-harness";

const run = promisify(execFile);

/** Runs SQL with the machine's psql on a database URL, as an app would connect; its rows, one per line. */
async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await run("psql", [url, "-tAc", sql], { env: { ...process.env, PGSSLMODE: "require", PGCONNECT_TIMEOUT: "10" } });
  return stdout.trim();
}

/** Runs one command with the machine's redis-cli on a Redis URL. */
async function redisCli(url: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", ["-u", url, "--no-auth-warning", "-e", ...args]);
  return stdout.trim();
}

describe("Heroku Postgres and Heroku Redis on real servers, through the official heroku CLI", () => {
  const cli = herokuCliOnPlatform();
  const { heroku, herokuOutput } = cli;
  const configOf = (app: string) => ok(cli.platform, "GET", `/apps/${app}/config-vars`);

  /** An app with a provisioned add-on of `plan`; its config vars (internal helper). */
  async function appWith(app: string, plan: string, config?: Record<string, string>): Promise<Record<string, string>> {
    await heroku("apps:create", app);
    await ok(cli.platform, "POST", `/apps/${app}/addons`, { plan, ...(config ? { config } : {}) });
    return configOf(app);
  }

  it("gives each Postgres add-on a database its DATABASE_URL reaches, over SSL", async () => {
    // GIVEN an app with Heroku Postgres
    const vars = await appWith("data-pg", "heroku-postgresql:essential-0");
    // THEN its URL has Heroku's shape and a real server behind it
    expect(vars.DATABASE_URL).toMatch(/^postgres:\/\/u[a-z0-9]{13}:[0-9a-f]{64}@127\.0\.0\.1:\d+\/d[a-z0-9]{13}$/);
    // WHEN the app's URL creates a table, inserts and reads a row
    await psql(vars.DATABASE_URL, "create table notes (body text); insert into notes values ('kept')");
    // THEN the row reads back, over an SSL connection
    expect(await psql(vars.DATABASE_URL, "select body from notes")).toBe("kept");
    expect(await psql(vars.DATABASE_URL, "select ssl from pg_stat_ssl where pid = pg_backend_pid()")).toBe("t");
  });

  it("answers pg:info, pg:credentials:url and pg:psql from the running database", async () => {
    // GIVEN an app with Heroku Postgres that asked for the version the server runs
    const vars = await appWith("data-info", "heroku-postgresql:essential-0", { version: "16" });
    await psql(vars.DATABASE_URL, "create table a (x int); create table b (x int)");
    // WHEN the CLI asks about it
    const info = await heroku("pg:info", "-a", "data-info");
    // THEN pg:info reads the plan, its connection limit, the server's version and the tables
    expect(info).toMatch(/=== DATABASE_URL/);
    expect(info).toMatch(/Plan:\s+Essential 0/);
    expect(info).toMatch(/Connections:\s+\d+\/20/);
    expect(info).toMatch(/PG Version:\s+16\.\d+\n/);
    expect(info).toMatch(/Tables:\s+2/);
    // AND pg:credentials:url prints the URL the app has
    expect(await heroku("pg:credentials:url", "-a", "data-info")).toContain(vars.DATABASE_URL);
    // AND pg:psql runs the machine's psql against it
    expect(await heroku("pg:psql", "-a", "data-info", "-c", "select 40 + 2 as answer")).toMatch(/answer\s*\n-+\n\s*42/);
    // AND pg:ps lists what runs there
    expect(await heroku("pg:ps", "-a", "data-info")).toMatch(/pid\s*\|\s*state/);
  });

  it("states a version the local server does not run instead of hiding it", async () => {
    // GIVEN an add-on that asked for Postgres 17 on a server of another major
    await appWith("data-v17", "heroku-postgresql:essential-0", { version: "17" });
    // WHEN pg:info shows it
    const info = await heroku("pg:info", "-a", "data-v17");
    // THEN the mismatch is said
    expect(info).toMatch(/PG Version:\s+16\.\d+ \(the add-on asked for 17; the local server runs 16\)/);
  });

  it("rotates the credential for real: the old URL is refused, every attached app gets the new one with a release", async () => {
    // GIVEN a database attached to a second app too, and a session open with the old password
    const old = (await appWith("data-rotate", "heroku-postgresql:essential-0")).DATABASE_URL;
    await heroku("apps:create", "data-rotate-2");
    const [addon] = await ok(cli.platform, "GET", "/apps/data-rotate/addons");
    await ok(cli.platform, "POST", "/addon-attachments", { addon: addon.id, app: "data-rotate-2", name: "SHARED" });
    const session = execFile("psql", [old, "-tAc", "select pg_sleep(30)"], { env: { ...process.env, PGSSLMODE: "require" } });
    const ended = new Promise<number | null>((resolve) => session.on("exit", resolve));
    // WHEN the credential rotates
    const { stderr } = await herokuOutput("pg:credentials:rotate", "-a", "data-rotate", "--confirm", "data-rotate");
    expect(stderr).toContain(`Rotating default on ${addon.name}... done`);
    // THEN both apps carry the new URL, each with a release saying so
    const rotated = (await configOf("data-rotate")).DATABASE_URL;
    expect(rotated).not.toBe(old);
    expect((await configOf("data-rotate-2")).SHARED_URL).toBe(rotated);
    for (const app of ["data-rotate", "data-rotate-2"]) expect(await heroku("releases", "-a", app)).toMatch(/Update (DATABASE|SHARED) by heroku-postgresql/);
    // AND the old password reaches nothing, the open session is cut, the new one connects
    await expect(psql(old, "select 1")).rejects.toThrow(/password authentication failed/);
    expect(await ended).not.toBe(0);
    expect(await psql(rotated, "select 1")).toBe("1");
  });

  it("resets a database with pg:reset: its tables are gone, its URL still connects", async () => {
    // GIVEN a database with a table
    const url = (await appWith("data-reset", "heroku-postgresql:essential-0")).DATABASE_URL;
    await psql(url, "create table gone (x int)");
    // WHEN it is reset
    const { stderr } = await herokuOutput("pg:reset", "-a", "data-reset", "--confirm", "data-reset");
    expect(stderr).toMatch(/Resetting postgresql-[a-z]+-\d+\.\.\. done/);
    // THEN it is empty, and the same URL works
    expect(await psql(url, "select count(*) from pg_tables where schemaname = 'public'")).toBe("0");
  });

  it("gives each Redis add-on its own server with a password, the plan's memory and Heroku's eviction policy", async () => {
    // GIVEN an app with Heroku Redis mini
    const url = (await appWith("data-redis", "heroku-redis:mini")).REDIS_URL;
    expect(url).toMatch(/^redis:\/\/default:[0-9a-f]{64}@127\.0\.0\.1:\d+$/);
    // WHEN the app's URL sets and gets a key
    await redisCli(url, "set", "greeting", "hello");
    // THEN it reads back; without the password nothing is served
    expect(await redisCli(url, "get", "greeting")).toBe("hello");
    const port = new URL(url).port;
    await expect(run("redis-cli", ["-h", "127.0.0.1", "-p", port, "-e", "get", "greeting"])).rejects.toThrow(/NOAUTH/);
    // AND the server enforces the plan: 25 MB, 20 clients, noeviction
    expect(await redisCli(url, "config", "get", "maxmemory")).toBe(`maxmemory\n${25 * 1024 * 1024}`);
    expect(await redisCli(url, "config", "get", "maxclients")).toBe("maxclients\n20");
    expect(await redisCli(url, "config", "get", "maxmemory-policy")).toBe("maxmemory-policy\nnoeviction");
  });

  it("answers redis:info and redis:cli from the running Redis", async () => {
    // GIVEN an app with Heroku Redis holding a key
    const url = (await appWith("data-rinfo", "heroku-redis:mini")).REDIS_URL;
    await redisCli(url, "set", "k", "v");
    const [addon] = await ok(cli.platform, "GET", "/apps/data-rinfo/addons");
    // WHEN redis:info asks about it
    const info = await heroku("redis:info", "-a", "data-rinfo");
    // THEN it shows the plan, the server's version and the eviction policy
    expect(info).toContain(`=== ${addon.name} (REDIS_URL)`);
    expect(info).toMatch(/Plan:\s+Mini/);
    expect(info).toMatch(/Version:\s+\d+\.\d+\.\d+/);
    expect(info).toMatch(/Maxmemory:\s+noeviction/);
    // AND redis:cli runs commands against it (the CLI connects over TLS, on the port after the URL's)
    const child = cli.start("redis:cli", "-a", "data-rinfo", "--confirm", "data-rinfo");
    child.stdin?.end("GET k\n");
    const out = await new Promise<string>((resolve) => {
      let text = "";
      child.stdout?.on("data", (chunk: string) => (text += chunk));
      child.on("exit", () => resolve(text));
    });
    expect(out).toBe(`Connecting to ${addon.name} (REDIS_URL):\nv\n\nDisconnected from instance.\n`);
  });

  it("resets Redis credentials with redis:credentials --reset: the old password is refused", async () => {
    // GIVEN an app with Heroku Redis
    const old = (await appWith("data-rcred", "heroku-redis:mini")).REDIS_URL;
    await redisCli(old, "set", "k", "kept");
    // WHEN its credentials are reset
    expect(await heroku("redis:credentials", "-a", "data-rcred", "--reset")).toMatch(/Resetting credentials for redis-[a-z]+-\d+/);
    // THEN the app has a new URL that reads the same data, and the old one is refused
    const rotated = (await configOf("data-rcred")).REDIS_URL;
    expect(rotated).not.toBe(old);
    expect(await redisCli(rotated, "get", "k")).toBe("kept");
    await expect(redisCli(old, "get", "k")).rejects.toThrow(/WRONGPASS/);
  });
});
