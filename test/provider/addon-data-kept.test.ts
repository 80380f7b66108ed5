import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ok, platform } from "../platform/platform-harness";
import { initializedOn, platformProviderBlock } from "./terraform-harness";

/**
 * A Heroku Postgres add-on's plan changed through real terraform and the
 * local provider: updated in place, as Heroku changes a plan, so the
 * database keeps its data and its role takes the new plan's connection limit.
 */

/** What psql prints for one SQL command on a URL (tuples only, unaligned), over SSL; a failure throws with psql's words. */
function psql(url: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("psql", [url, "-tAc", sql], { env: { ...process.env, PGSSLMODE: "require", PGCONNECT_TIMEOUT: "10" }, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`psql ${sql} failed: ${stdout}${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

/** The app's DATABASE_URL once it points at the local server; waits a little should it not be yet. */
async function databaseUrl(p: { url: string; apiKey: string }, app: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = (await ok(p, "GET", `/apps/${app}/config-vars`)).DATABASE_URL;
    if (typeof value === "string" && new URL(value).hostname === "127.0.0.1") return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`DATABASE_URL of ${app} never pointed at 127.0.0.1`);
}

function config(plan: string): string {
  return `resource "heroku_app" "a" {
  name   = "data-kept"
  region = "us"
}
resource "heroku_addon" "db" {
  app_id = heroku_app.a.id
  plan   = "${plan}"
}
`;
}

const CONNECTION_LIMIT = "select rolconnlimit from pg_roles where rolname = current_user";

describe("a Heroku Postgres plan changed through terraform", () => {
  it("is updated in place: the rows stay, and the role takes the new plan's connection limit", async () => {
    // GIVEN an app and an essential-0 Heroku Postgres add-on applied by terraform, holding a row
    const p = await platform();
    const tf = await initializedOn(p, config("heroku-postgresql:essential-0"));
    const created = await tf.run("apply", "-auto-approve");
    expect(created.code, created.output).toBe(0);
    const before = await databaseUrl(p, "data-kept");
    await psql(before, "create table notes (body text); insert into notes values ('written on essential-0')");
    expect(await psql(before, CONNECTION_LIMIT)).toBe("20");
    // WHEN the plan becomes standard-0
    tf.write(platformProviderBlock(p.url) + config("heroku-postgresql:standard-0"));
    const plan = await tf.run("plan");
    const applied = await tf.run("apply", "-auto-approve");
    // THEN terraform changes the add-on in place, destroying nothing
    expect(plan.code, plan.output).toBe(0);
    expect(plan.output).toMatch(/heroku_addon\.db will be updated in-place/);
    expect(plan.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 0 added, 1 changed, 0 destroyed/);
    const addons = await ok(p, "GET", "/apps/data-kept/addons");
    expect(addons.map((a: any) => `${a.plan.name}:${a.state}`)).toEqual(["heroku-postgresql:standard-0:provisioned"]);
    // AND the database is the same one, its row still there
    const after = await databaseUrl(p, "data-kept");
    expect(after).toBe(before);
    expect(await psql(after, "select body from notes")).toBe("written on essential-0");
    // AND its role's connection limit is standard-0's
    expect(await psql(after, CONNECTION_LIMIT)).toBe("120");
  });
});
