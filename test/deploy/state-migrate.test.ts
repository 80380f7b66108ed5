import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heldLockLine } from "../../deploy/state-lock-info";
import { runTerraform } from "../provider/terraform-harness";
import { runDynoform, type ProcessRun } from "../run-process";
import { startPostgres, type PostgresServer } from "../support/postgres-server";

/**
 * `dynoform state migrate --to pg` and `state unlock`, on the example estate
 * deployed to the embedded platform with local state, against a real
 * PostgreSQL: a migration cut short is finished by the next run, a rerun
 * changes nothing, a backend that holds another state or cannot be reached
 * is one line that moves nothing, and a stale local lock is released.
 */
const root = join(__dirname, "..", "..");
const home = mkdtempSync(join(tmpdir(), "dynoform-migrate-home-"));
const stateDir = join(home, "local", "state");
const STACKS = ["pipeline-flask-demo", "production", "staging"];
let pg: PostgresServer;
let env: NodeJS.ProcessEnv;
let password: string;
/** The local state files as the deploy left them, to put back for later cases. */
const deployed: Record<string, string> = {};

beforeAll(async () => {
  pg = await startPostgres();
  password = decodeURIComponent(new URL(pg.url).password);
  env = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_BACKEND: "", PG_CONN_STR: pg.url };
  const deploy = await runDynoform(["deploy", "--target", "local"], env);
  expect(deploy.code, deploy.output).toBe(0);
  for (const stack of STACKS) deployed[stack] = readFileSync(join(stateDir, `${stack}.tfstate`), "utf8");
  // With state shared, secrets come from the environment: the values this rehearsal generated.
  const secrets = JSON.parse(readFileSync(join(home, "local", "secrets.json"), "utf8")) as Record<string, string>;
  for (const [name, value] of Object.entries(secrets)) env[`TF_VAR_${name}`] = value;
}, 240_000);

afterAll(() => {
  spawnSync(process.execPath, [join(root, "bin", "dynoform.js"), "platform", "stop", "--data", join(home, "platform")], { env });
  pg?.stop();
});

const psql = (sql: string): string => execFileSync("psql", [pg.url, "-tAc", sql], { encoding: "utf8" }).trim();

/** Each stack's state in PostgreSQL, `schema: md5 of the state` (internal helper). */
function storedStates(): string[] {
  const schemas = psql("select table_schema from information_schema.tables where table_name = 'states' order by 1").split("\n").filter(Boolean);
  return schemas.flatMap((schema) => psql(`select '${schema}: ' || md5(data) from ${schema}.states where length(data) > 0`).split("\n").filter(Boolean));
}

const localStateFiles = (): string[] => (existsSync(stateDir) ? readdirSync(stateDir).filter((f) => f.endsWith(".tfstate")).sort() : []);

/** `state migrate --to pg --target local`, its process group killed once `stop` shows in its output. */
function migrateUntil(stop: RegExp): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "bin", "dynoform.js"), "state", "migrate", "--to", "pg", "--target", "local"], { cwd: root, env, detached: true });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (stop.test(output)) process.kill(-child.pid!, "SIGKILL");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const migrate = () => runDynoform(["state", "migrate", "--to", "pg", "--target", "local"], env);

describe("dynoform state migrate --to pg", () => {
  it("finishes a migration cut short after its first stack, and a rerun afterwards changes nothing", async () => {
    // GIVEN a migration killed (with its Terraform runs) right after its first stack moved
    const cut = await migrateUntil(/^production: moved/m);
    expect(cut.output).toMatch(/^production: moved/m);
    // WHEN it is run again, and once more
    const finished = await migrate();
    const again = await migrate();
    // THEN the second run finishes the job, proving it by an empty plan per stack
    expect(finished.code, finished.output).toBe(0);
    expect(finished.output).toMatch(/^production: already in pg$/m);
    expect(finished.output).toMatch(/^pipeline-flask-demo: moved: state in pg, local file retired/m);
    expect(finished.output).toContain("every plan is empty: production, staging, pipeline-flask-demo now keep their state in pg");
    // AND every stack's state is in its schema, no local state file is left, each has a 0600 backup
    expect(storedStates().map((s) => s.split(":")[0])).toEqual(["dynoform_pipeline_flask_demo", "dynoform_production", "dynoform_staging"]);
    expect(localStateFiles()).toEqual([]);
    const backups = readdirSync(join(home, "local", "state-backups"));
    for (const stack of STACKS) {
      const backup = backups.find((b) => b.startsWith(`${stack}.`))!;
      expect(readFileSync(join(home, "local", "state-backups", backup), "utf8")).toBe(deployed[stack]);
      expect(statSync(join(home, "local", "state-backups", backup)).mode & 0o777).toBe(0o600);
    }
    // AND the third run is a no-op
    expect(again.code, again.output).toBe(0);
    expect(again.output.trim().split("\n").at(-1)).toBe("nothing to move: no stack of --target local has a local state file");
    // AND no output holds the connection's password
    for (const run of [cut, finished, again]) expect(run.output).not.toContain(password);
  }, 300_000);

  it("refuses, moving nothing, when pg already holds a different state for a stack", async () => {
    // GIVEN the deployed local files back, staging's with other outputs than the one in pg
    for (const stack of STACKS) writeFileSync(join(stateDir, `${stack}.tfstate`), deployed[stack]);
    const staging = JSON.parse(deployed.staging);
    writeFileSync(join(stateDir, "staging.tfstate"), JSON.stringify({ ...staging, outputs: {}, lineage: "0e3bd4c0-0000-4000-8000-000000000000" }));
    const before = storedStates();
    // WHEN it is migrated
    const refused = await migrate();
    // THEN one line names the stack and both states; pg and the local files are as they were
    expect(refused.code).toBe(1);
    expect(refused.output.trim()).toMatch(/^dynoform: pg already holds a different state for staging \(lineage [0-9a-f-]+, serial 1; the local file: lineage 0e3bd4c0-0000-4000-8000-000000000000, serial \d+\): nothing was moved$/);
    expect(storedStates()).toEqual(before);
    expect(localStateFiles()).toEqual(STACKS.map((s) => `${s}.tfstate`));
  }, 120_000);

  it("names an unreachable database by host:port in one line, without its password", async () => {
    const result = await runDynoform(["state", "migrate", "--to", "pg", "--target", "local"], { ...env, PG_CONN_STR: `postgres://dynoform:${password}@127.0.0.1:1/postgres?sslmode=disable` });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe("dynoform: cannot reach the pg backend at 127.0.0.1:1: connection refused");
  }, 120_000);

  it("names an unknown backend and a missing connection in one line each", async () => {
    const unknown = await runDynoform(["state", "migrate", "--to", "postgres"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.output.trim()).toBe('dynoform: --to "postgres" is not a state backend (local, pg, s3, http, cloud)');
    const missing = await runDynoform(["state", "migrate", "--to", "pg"], { ...env, PG_CONN_STR: "" });
    expect(missing.code).toBe(1);
    expect(missing.output.trim()).toBe("dynoform: DYNOFORM_BACKEND=pg needs PG_CONN_STR: Terraform reads it from the environment, never from a file");
  });
});

describe("dynoform state unlock", () => {
  it("releases a local lock left by a killed terraform, after a plan named its holder in one line", async () => {
    // GIVEN production's local state locked by a terraform console, which is then killed
    const dir = join(home, "local", "state-migration", "local", "stacks", "production");
    const tfEnv = { TF_CLI_CONFIG_FILE: join(home, "local", "terraform", "cli.tfrc") };
    expect((await runTerraform(dir, ["init", "-input=false"], tfEnv)).code).toBe(0);
    const lockInfo = join(stateDir, ".production.tfstate.lock.info");
    // (its stdin left open, the console waits for input, holding the lock; -state, or it locks ./terraform.tfstate)
    const holder = spawn("terraform", ["console", `-state=${join(stateDir, "production.tfstate")}`], { cwd: dir, env: { ...env, ...tfEnv }, stdio: ["pipe", "ignore", "ignore"] });
    let exited = false;
    holder.on("exit", () => (exited = true));
    while (!existsSync(lockInfo) && !exited) await new Promise((r) => setTimeout(r, 100));
    const blocked = await runTerraform(dir, ["plan", "-input=false"], { ...tfEnv, ...secretVariables() });
    // (this working copy is back on local state: Terraform must forget that its deploy folder was set up for pg)
    rmSync(join(home, "local", "cdktf.out", "stacks", "production", ".terraform", "terraform.tfstate"));
    const planned = await runDynoform(["plan", "production", "--target", "local"], env);
    const lockId = JSON.parse(readFileSync(lockInfo, "utf8")).ID as string;
    const whileHeld = await runDynoform(["state", "unlock", "production", lockId, "--target", "local"], env);
    const ended = new Promise((r) => holder.on("close", r));
    holder.kill("SIGKILL");
    await ended;
    // THEN the plan met the lock, said in one line: who holds it, since when, its id
    expect(blocked.code).toBe(1);
    expect(heldLockLine(blocked.output)).toMatch(new RegExp(`^<stack>: the state is locked by \\S+@\\S+ since \\d{4}-\\d\\d-\\d\\d [\\d:.]+ \\+0000 UTC \\(\\w+, lock ${lockId}\\); if that run is gone: dynoform state unlock <stack> ${lockId}$`));
    // AND dynoform plan, meeting it, ended with that line, naming the stack
    expect(planned.code).not.toBe(0);
    expect(planned.output).toContain(`production: the state is locked by `);
    expect(planned.output).toContain(`if that run is gone: dynoform state unlock production `);
    // AND state unlock, while the console lived, released nothing and said who held it
    expect(whileHeld.code).toBe(1);
    expect(whileHeld.output.trim()).toMatch(new RegExp(`^dynoform: production: the state is locked by \\S+ since .* lock ${lockId}\\);`));
    // WHEN the stale lock is released
    const unlocked = await runDynoform(["state", "unlock", "production", lockId, "--target", "local"], env);
    // THEN it is gone
    expect(unlocked.code, unlocked.output).toBe(0);
    expect(unlocked.output.trim()).toBe(`production: unlocked (lock ${lockId} was left by a Terraform run that is gone)`);
    expect(existsSync(lockInfo)).toBe(false);
  }, 120_000);

  it("explains pg's advisory locks instead of forcing one, with a query that runs", async () => {
    const result = await runDynoform(["state", "unlock", "staging", "5d1c0000-0000-4000-8000-000000000000", "--target", "local"], { ...env, DYNOFORM_BACKEND: "pg" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("dynoform: staging keeps its state in pg: its locks are PostgreSQL advisory locks held by the database session");
    expect(result.output).not.toContain(password);
    const query = /select pid.*?locktype = 'advisory'\)/.exec(result.output)![0];
    expect(() => psql(query)).not.toThrow();
  });
});

/** The rehearsal's secrets as Terraform variables (internal helper). */
function secretVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith("TF_VAR_")) as [string, string][]);
}
