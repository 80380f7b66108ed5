import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "dynoform.js");

function dynoform(args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TF_VAR_")));
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...clean, CHECKPOINT_DISABLE: "1", ...env } });
}

describe("dynoform deploy|plan|destroy", () => {
  it("fails naming every missing secret before terraform runs", () => {
    // GIVEN no TF_VAR_ values in the environment
    // WHEN a plan for real Heroku is asked
    const result = dynoform(["plan", "--target", "heroku"]);
    // THEN both secrets are named, and terraform never initialised a stack
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "dynoform: missing secret values: set TF_VAR_production_secret_key, TF_VAR_staging_secret_key in the environment before deploying to heroku",
    );
    expect(existsSync(join(root, "cdktf.out", "stacks", "staging", ".terraform"))).toBe(false);
  });

  it("fails on a stack that does not exist, naming the ones that do", () => {
    const result = dynoform(["deploy", "stagin"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("dynoform: no stack named stagin (there are: production, staging, pipeline-flask-demo)");
  });

  it("fails on a typo in an environment file with its located line only, before starting anything", () => {
    // GIVEN a copy of the example estate with a dyno size mistyped, and an empty local home
    const project = mkdtempSync(join(tmpdir(), "dynoform-typo-"));
    mkdirSync(join(project, "environments"));
    symlinkSync(join(root, "apps"), join(project, "apps"));
    for (const file of ["staging.yaml", "production.yaml"]) copyFileSync(join(root, "environments", file), join(project, "environments", file));
    const production = join(project, "environments", "production.yaml");
    writeFileSync(production, readFileSync(production, "utf8").replace("size: standard-2x", "size: standard-3x"));
    // WHEN npm start runs
    const result = dynoform(["deploy", "--target", "local"], { DYNOFORM_ENVIRONMENTS: join(project, "environments"), DYNOFORM_HOME: join(project, "home") });
    // THEN the located problem is all it says, and no platform was started
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^\S+production\.yaml:\d+:\d+: formation\.web\.size: "standard-3x" is not a dyno size \(did you mean standard-2x\?\)$/);
    expect(existsSync(join(project, "home"))).toBe(false);
  });
});
