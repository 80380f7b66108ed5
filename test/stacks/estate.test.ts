import { App } from "cdktf";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
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

function synthEstate(env: NodeJS.ProcessEnv): { outdir: string; stacks: Record<string, any> } {
  const outdir = mkdtempSync(join(tmpdir(), "dynoform-synth-"));
  const app = new App({ outdir });
  buildEstate(app, loadEstate(join(root, "environments")), DeployTarget.fromEnvironment(env));
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
