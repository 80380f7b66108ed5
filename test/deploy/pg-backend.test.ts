import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDynoform } from "../run-process";
import { startPostgres, type PostgresServer } from "../support/postgres-server";

/**
 * The example estate deployed to the embedded platform with its state in a
 * real PostgreSQL (Terraform's pg backend, chosen for the run with
 * DYNOFORM_BACKEND=pg and PG_CONN_STR, as CI would): nothing is written to a
 * local state file, a second deploy finds no change, and a bad choice of
 * backend is one line that starts nothing.
 */
const root = join(__dirname, "..", "..");
const home = mkdtempSync(join(tmpdir(), "dynoform-pg-home-"));
let pg: PostgresServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  pg = await startPostgres();
  env = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_BACKEND: "pg", PG_CONN_STR: pg.url };
  // A shared backend takes secrets from TF_VAR_* (never from a generated local file), as a team's deploys must.
  for (const name of ["production", "staging"]) env[`TF_VAR_${name}_secret_key`] = randomBytes(16).toString("hex");
});

afterAll(() => {
  spawnSync(process.execPath, [join(root, "bin", "dynoform.js"), "platform", "stop", "--data", join(home, "platform")], { env });
  pg?.stop();
});

/** The states Terraform's pg backend holds, `schema/workspace` each (internal helper). */
function storedStates(): string[] {
  const sql = "select table_schema from information_schema.tables where table_name = 'states' order by 1";
  const schemas = execFileSync("psql", [pg.url, "-tAc", sql], { encoding: "utf8" }).split("\n").filter(Boolean);
  return schemas.flatMap((schema) =>
    execFileSync("psql", [pg.url, "-tAc", `select name from ${schema}.states where length(data) > 0`], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((name) => `${schema}/${name}`),
  );
}

describe("the pg state backend", () => {
  it("deploys the estate with every stack's state in PostgreSQL, and a second deploy changes nothing", async () => {
    // WHEN npm start runs twice with DYNOFORM_BACKEND=pg
    const first = await runDynoform(["deploy", "--target", "local"], env);
    const second = await runDynoform(["deploy", "--target", "local"], env);
    // THEN both succeed, the second with nothing to do
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toMatch(/Plan: [1-9]|[1-9]\d* to (add|change|destroy)|[1-9]\d* (added|changed|destroyed)/);
    for (const stack of ["staging", "production", "pipeline-flask-demo"]) expect(second.output).toMatch(new RegExp(`^${stack}: no changes`, "m"));
    // AND the state of each stack is in its schema, none in a local file
    expect(storedStates()).toEqual(["dynoform_pipeline_flask_demo/default", "dynoform_production/default", "dynoform_staging/default"]);
    const stateDir = join(home, "local", "state");
    expect(existsSync(stateDir) ? readdirSync(stateDir).filter((f) => f.endsWith(".tfstate")) : []).toEqual([]);
  });

  it("names a missing connection and an unknown backend in one line, starting nothing", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "dynoform-pg-bad-"));
    const missing = await runDynoform(["deploy", "--target", "local"], { ...env, DYNOFORM_HOME: fresh, PG_CONN_STR: "" });
    expect(missing.code).toBe(1);
    expect(missing.output.trim()).toBe("dynoform: DYNOFORM_BACKEND=pg needs PG_CONN_STR: Terraform reads it from the environment, never from a file");
    const unknown = await runDynoform(["plan", "--target", "local"], { ...env, DYNOFORM_HOME: fresh, DYNOFORM_BACKEND: "postgres" });
    expect(unknown.code).toBe(1);
    expect(unknown.output.trim()).toBe('dynoform: DYNOFORM_BACKEND "postgres" is not a state backend (local, pg, s3, http, cloud)');
    expect(existsSync(join(fresh, "platform"))).toBe(false);
  });

  it("refuses a lock timeout that is not a duration", async () => {
    const result = await runDynoform(["plan", "staging", "--target", "local", "--lock-timeout", "soon"], env);
    expect(result.code).toBe(2);
    expect(result.output).toContain('--lock-timeout "soon" is not a duration: a number and ms, s, m or h (like 90s)');
  });
});
