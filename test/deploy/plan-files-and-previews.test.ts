import { randomBytes } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient } from "../../lib/heroku-api-client";
import { runDynoform } from "../run-process";
import { startPostgres, type PostgresServer } from "../support/postgres-server";

/**
 * The commands the workflows run (.github/workflows/deploy.yml and
 * preview.yml), against the embedded platform with the pg backend: each stack
 * planned to a file, reviewed, and exactly that file applied; a stale plan
 * refused by Terraform, in one line; a preview up, up again with no change,
 * and down with nothing left behind.
 */
const root = join(__dirname, "..", "..");
const project = mkdtempSync(join(tmpdir(), "dynoform-ci-"));
const home = join(project, "home");
const environments = join(project, "environments");
let pg: PostgresServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // A copy of the example estate, so the test can change it; its app source found through a link.
  mkdirSync(environments);
  cpSync(join(root, "environments"), environments, { recursive: true });
  symlinkSync(join(root, "apps"), join(project, "apps"));
  pg = await startPostgres();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TF_VAR_")));
  env = { ...clean, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_ENVIRONMENTS: environments, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_BACKEND: "pg", PG_CONN_STR: pg.url };
  // With a shared backend the secrets come from TF_VAR_*, as in CI.
  for (const name of ["staging", "production"]) env[`TF_VAR_${name}_secret_key`] = `canary-${name}-${randomBytes(8).toString("hex")}`;
});

afterAll(() => {
  spawnSync(process.execPath, [join(root, "bin", "dynoform.js"), "platform", "stop", "--data", join(home, "platform")], { env });
  pg?.stop();
});

const dynoform = (...args: string[]) => runDynoform([...args, "--target", "local"], env);

/** The pg schemas holding a Terraform state (internal helper). */
function stateSchemas(): string[] {
  const sql = "select table_schema from information_schema.tables where table_name = 'states' order by 1";
  return execFileSync("psql", [pg.url, "-tAc", sql], { encoding: "utf8" }).split("\n").filter(Boolean);
}

/** The apps on the embedded platform, through its API (internal helper). */
async function platformApps(): Promise<string[]> {
  const server = JSON.parse(readFileSync(join(home, "platform", "server.json"), "utf8")) as { url: string };
  const { apiKey } = JSON.parse(readFileSync(join(home, "platform", "credentials.json"), "utf8")) as { apiKey: string };
  const apps = await new HerokuClient({ url: server.url, apiKey }).list<{ name: string }>("/apps");
  return apps.map((a) => a.name).sort();
}

describe("saved plans, as deploy.yml runs them", () => {
  // One stack shows the mechanism (each plan, review and apply is its own synth and terraform run);
  // the pg-backend test deploys every stack, the pipeline's remote state included, through pg.
  it("plans a stack to a file, reviews it, applies exactly that file, and refuses a stale plan", { timeout: 400_000 }, async () => {
    // GIVEN staging planned twice to a file, before anything is deployed
    const [stale, file] = [join(project, "stale.tfplan"), join(project, "staging.tfplan")];
    expect((await dynoform("plan", "staging", "--out", stale)).code).toBe(0);
    // WHEN it is planned to a file, reviewed, and the file applied
    const [stack, saved] = ["staging", file];
    const plan = await dynoform("plan", stack, "--out", saved);
    expect(plan.code, plan.output).toBe(0);
    expect(plan.output).toContain(`${stack}: saved the plan to ${saved} and ${saved}.json`);
    const review = await runDynoform(["review", "--plan", `${stack}=${saved}.json`], env);
    expect(review.code, review.output).toBe(0);
    expect(review.output).toContain(stack);
    const apply = await dynoform("apply", stack, saved);
    expect(apply.code, apply.output).toBe(0);
    // AND the apply shows in the live view, as a deploy's does: its progress, then what it added and each resource
    expect(apply.output).toMatch(/^staging: applying \d+\/\d+ \(\d+ s\)$/m);
    expect(apply.output).toMatch(/^staging: [1-9]\d* added, 0 changed, 0 destroyed \(\d+ s\)\n  \+ heroku_/m);
    // THEN its state is in pg, and the secrets are in the saved plan's JSON only, never in the review
    expect(stateSchemas()).toEqual(["dynoform_staging"]);
    const secret = env.TF_VAR_staging_secret_key!;
    expect(readFileSync(`${file}.json`, "utf8")).toContain(secret);
    expect(review.output).not.toContain(secret);

    // WHEN the first plan, made stale by the apply since, is applied
    const refused = await dynoform("apply", "staging", stale);
    // THEN Terraform refuses it, and its message is one line
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(
      new RegExp(`^dynoform: terraform refused to apply ${stale}: terraform said: Saved plan is stale: The given plan file can no longer be applied because the state was changed by another operation after the plan was created\\.$`, "m"),
    );
  });
});

describe("previews, as preview.yml runs them", () => {
  it("brings a preview up with its URL, changes nothing the second time, and leaves nothing behind when down", { timeout: 300_000 }, async () => {
    // WHEN a preview is brought up twice
    const up = await dynoform("preview", "up", "pr-1");
    const again = await dynoform("preview", "up", "pr-1");
    // THEN the first creates it and prints its URL, the second changes nothing
    expect(up.code, up.output).toBe(0);
    expect(up.output).toMatch(/^url: https:\/\/flask-demo-preview-pr-1\.herokuapp\.com\/$/m);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain("preview-pr-1: no changes");
    expect(await platformApps()).toContain("flask-demo-preview-pr-1");
    expect(stateSchemas()).toContain("dynoform_preview_pr_1");
    // AND it was never an environment of the estate
    expect(existsSync(join(environments, "preview-pr-1.yaml"))).toBe(false);

    // WHEN it is taken down
    const down = await dynoform("preview", "down", "pr-1");
    // THEN no app, no state, no file is left
    expect(down.code, down.output).toBe(0);
    expect(await platformApps()).not.toContain("flask-demo-preview-pr-1");
    expect(stateSchemas()).not.toContain("dynoform_preview_pr_1");
    expect(existsSync(join(home, "previews", "pr-1"))).toBe(false);
  });

  it("names a bad preview name, and a backend whose state it could not remove, before anything starts", async () => {
    const bad = await dynoform("preview", "up", "PR_1");
    expect(bad.code).toBe(2);
    expect(bad.output.trim()).toBe('dynoform: preview name "PR_1" is not lowercase letters, digits and dashes (like pr-12)');
    const s3 = await runDynoform(["preview", "up", "pr-2", "--target", "local"], { ...env, DYNOFORM_BACKEND: "s3" });
    expect(s3.code).toBe(1);
    expect(s3.output.trim()).toBe('dynoform: DYNOFORM_BACKEND "s3" is not one previews can remove the state of: use pg or local');
  });
});
