import { App } from "cdktf";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../environment-files";
import { buildEstate } from "../../stacks/estate";
import { DeployTarget } from "../../constructs";

const root = join(__dirname, "..", "..");

/** Every file below a folder (internal helper). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function synthEstate(env: NodeJS.ProcessEnv, dir = join(root, "environments")): { outdir: string; stacks: Record<string, any> } {
  const outdir = mkdtempSync(join(tmpdir(), "dynoform-synth-"));
  const app = new App({ outdir });
  buildEstate(app, loadEstate(dir), DeployTarget.fromEnvironment(env));
  app.synth();
  const stacks = Object.fromEntries(
    readdirSync(join(outdir, "stacks")).map((name) => [name, JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"))]),
  );
  return { outdir, stacks };
}

describe("the example estate", () => {
  it("synthesizes one stack per environment and one per pipeline, for the registry provider", () => {
    const { stacks } = synthEstate({});
    expect(Object.keys(stacks).sort()).toEqual(["pipeline-flask-demo", "production", "staging"]);
    expect(stacks.staging.terraform.required_providers.heroku).toEqual({ source: "heroku/heroku", version: "~> 5.3" });
    expect(stacks.staging.provider.heroku[0].url).toBeUndefined();
    expect(stacks.staging.provider.heroku[0].customizations[0].set_addon_config_vars_in_state).toBe(false);
  });

  it("targets the embedded platform with zero delays and separate state when asked", () => {
    const stateDir = mkdtempSync(join(tmpdir(), "dynoform-state-"));
    const { stacks } = synthEstate({ DYNOFORM_TARGET: "local", DYNOFORM_API_URL: "http://127.0.0.1:4510", DYNOFORM_STATE_DIR: stateDir });
    expect(stacks.production.provider.heroku[0]).toMatchObject({
      url: "http://127.0.0.1:4510",
      delays: { post_app_create_delay: 0, post_domain_create_delay: 0, post_space_create_delay: 0 },
    });
    expect(stacks.production.terraform.backend.local.path).toBe(join(stateDir, "production.tfstate"));
  });

  it("protects production data add-ons and leaves staging's disposable", () => {
    const { stacks } = synthEstate({});
    const protectedPlans = (stack: any) =>
      (Object.values(stack.resource.heroku_addon) as any[]).filter((a) => a.lifecycle?.prevent_destroy).map((a) => a.plan);
    expect(protectedPlans(stacks.production).sort()).toEqual(["heroku-postgresql:standard-0", "heroku-redis:premium-0"]);
    expect(protectedPlans(stacks.staging)).toEqual([]);
  });

  it("never writes a secret value into any synthesized file", () => {
    // GIVEN a planted secret value in the environment a deploy would feed
    const canary = "canary-5ecr3t-value-9f1c";
    const { outdir } = synthEstate({ TF_VAR_staging_secret_key: canary, TF_VAR_production_secret_key: canary });
    // THEN no synthesized file contains it, and the secret appears only as a variable reference
    for (const file of filesUnder(outdir)) expect(readFileSync(file).includes(canary), file).toBe(false);
  });

  it("fails on an unknown target", () => {
    expect(() => DeployTarget.fromEnvironment({ DYNOFORM_TARGET: "staging" })).toThrow('DYNOFORM_TARGET "staging" is not local or heroku');
  });

  it("synthesizes with the real cdktf CLI", () => {
    const outdir = mkdtempSync(join(tmpdir(), "dynoform-cdktf-"));
    execFileSync(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", outdir], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      stdio: "pipe",
    });
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["pipeline-flask-demo", "production", "staging"]);
  });
});

/** A scratch estate of environment files sharing one source with a Procfile (internal helper). */
function estate(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-estate-"));
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Procfile"), "web: gunicorn app:app\nworker: python worker.py\n");
  mkdirSync(join(dir, "environments"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "environments", `${name}.yaml`), text);
  return join(dir, "environments");
}

const app = (name: string, rest = "") => `app:\n  name: ${name}\n  source: ../app\nformation:\n  web: { size: basic }\n${rest}`;

describe("valid estates the old construct ids crashed on", () => {
  it("synthesizes two add-ons attached to the same other app, and two of one service with names of their own", () => {
    // GIVEN an admin app and a main app whose two databases and Redis all attach to the admin app
    const dir = estate({
      admin: app("shop-admin"),
      main: app(
        "shop-main",
        "addons:\n  - { service: postgres, attachTo: [shop-admin], as: PRIMARY_DB }\n  - { service: postgres, as: ANALYTICS_DB, attachTo: [shop-admin] }\n  - { service: redis, attachTo: [shop-admin] }\n",
      ),
    });
    // WHEN it is synthesized
    const { stacks } = synthEstate({}, dir);
    // THEN each add-on has the address its name gives it, and each attachment exists
    expect(Object.keys(stacks.main.resource.heroku_addon).sort()).toEqual(["analytics_db", "primary_db", "redis"]);
    const attachments = Object.values(stacks.main.resource.heroku_addon_attachment) as any[];
    expect(attachments.map((a) => a.name ?? null).sort()).toEqual(["ANALYTICS_DB", "PRIMARY_DB", null]);
    expect(attachments.every((a) => a.app_id === "shop-admin")).toBe(true);
  });

  it("asks for a name when two add-ons of one service have none, located in the file", () => {
    const dir = estate({ main: app("shop-main", "addons:\n  - service: postgres\n  - service: postgres\n") });
    expect(() => loadEstate(dir)).toThrow(
      /main\.yaml:8:5: addons\[1\]\.service: a second heroku-postgresql add-on \(after addons\[0\]\) needs a name of its own: give it an attachment name, like as: POSTGRESQL_2/,
    );
  });
});

describe("pipelines", () => {
  it("couples several apps in one stage, each under its own name, moving only a lone app's old coupling", () => {
    // GIVEN two QA apps in development and staging alone in its stage
    const pipeline = (stage: string) => `pipeline: { name: shop, stage: ${stage} }\n`;
    const dir = estate({
      qa1: app("shop-qa1", pipeline("development")),
      qa2: app("shop-qa2", pipeline("development")),
      staging: app("shop-staging", pipeline("staging")),
    });
    // WHEN the estate is synthesized
    const { stacks } = synthEstate({}, dir);
    // THEN there is one coupling per app, named after it
    const couplings = stacks["pipeline-shop"].resource.heroku_pipeline_coupling;
    expect(Object.keys(couplings).sort()).toEqual([
      expect.stringMatching(/^pipeline_coupling-shop-qa1_/),
      expect.stringMatching(/^pipeline_coupling-shop-qa2_/),
      expect.stringMatching(/^pipeline_coupling-shop-staging_/),
    ]);
    // AND only staging, alone in its stage, moves from the address it had when couplings were named after stages
    expect(stacks["pipeline-shop"].moved).toEqual([
      { from: "heroku_pipeline_coupling.pipeline_coupling-staging_23E8FB14", to: expect.stringMatching(/^heroku_pipeline_coupling\.pipeline_coupling-shop-staging_/) },
    ]);
  });
});
