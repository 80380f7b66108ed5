import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDynoform, type ProcessRun } from "../run-process";

/**
 * `npm start` (`dynoform deploy --target local`) end to end, in a scratch
 * DYNOFORM_HOME, with canary secret values planted and Terraform tracing
 * everything: the estate comes up with its summary, a second run changes
 * nothing, and no canary nor the platform key shows in any output, log,
 * synthesized file or review — only where a secret must live (Terraform
 * state, the platform's own records, the local secrets file), all mode 0600.
 */
const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "dynoform.js");
const home = mkdtempSync(join(tmpdir(), "dynoform-home-"));
const CANARIES = { staging_secret_key: "canary-staging-7f3a9c", production_secret_key: "canary-production-2b8e41" };
const ROTATED = "canary-rotated-d41e07";
const env = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", TF_LOG: "TRACE", TF_LOG_PATH: join(home, "terraform-trace.log") };

function dynoform(args: string[]): Promise<ProcessRun> {
  return runDynoform(args, env);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function mode(file: string): string {
  return (statSync(file).mode & 0o777).toString(8);
}

const outputs: string[] = [];
afterAll(() => {
  spawnSync(process.execPath, [bin, "platform", "stop", "--data", join(home, "platform")], { env });
});

describe("npm start on the embedded platform, with canary secrets", () => {
  it("brings the estate up, prints its summary, and a second run changes nothing", async () => {
    // GIVEN canary values in the local secrets file
    mkdirSync(join(home, "local"), { recursive: true });
    writeFileSync(join(home, "local", "secrets.json"), JSON.stringify(CANARIES), { mode: 0o600 });
    // WHEN npm start runs twice
    const first = await dynoform(["deploy", "--target", "local"]);
    const second = await dynoform(["deploy", "--target", "local"]);
    outputs.push(first.output, second.output);
    // THEN the first started the platform, deployed, and summarised the estate
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain("started the embedded platform on http://127.0.0.1:");
    expect(first.output).toMatch(/flask-demo-production {2}https:\/\/flask-demo-production\.herokuapp\.com\//);
    expect(first.output).toMatch(/formation {2}.*web: 2 × standard-2x/);
    expect(first.output).toMatch(/www\.flask-demo\.example\.com → CNAME \S+\.herokudns\.com/);
    expect(first.output).toContain("pipeline flask-demo  staging: flask-demo-staging → production: flask-demo-production");
    expect(first.output).toContain('eval "$(npx dynoform platform env)"');
    // AND the second found nothing to do in any stack
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain("started the embedded platform");
    for (const stack of ["staging", "production", "pipeline-flask-demo"]) expect(second.output).toMatch(new RegExp(`^${stack}: no changes`, "m"));
  });

  it("masks a rotated secret in the review of its plan", async () => {
    // GIVEN a saved plan that rotates staging's secret, in Terraform's JSON (which holds both values)
    const stackDir = join(home, "local", "cdktf.out", "stacks", "staging");
    const apiKey = JSON.parse(readFileSync(join(home, "platform", "credentials.json"), "utf8")).apiKey;
    const tfEnv = { ...env, TF_CLI_CONFIG_FILE: join(home, "local", "terraform", "cli.tfrc"), HEROKU_API_KEY: apiKey, TF_VAR_staging_secret_key: ROTATED };
    const planned = spawnSync("terraform", ["plan", "-input=false", "-no-color", `-out=${join(home, "rotate.tfplan")}`], { cwd: stackDir, env: tfEnv, encoding: "utf8" });
    outputs.push(planned.stdout + planned.stderr);
    expect(planned.status, planned.stderr).toBe(0);
    const shown = spawnSync("terraform", ["show", "-json", join(home, "rotate.tfplan")], { cwd: stackDir, env: tfEnv, encoding: "utf8" });
    writeFileSync(join(home, "rotate.plan.json"), shown.stdout, { mode: 0o600 });
    expect(shown.stdout).toContain(ROTATED);
    // WHEN it is reviewed
    const review = await dynoform(["review", "--plan", `staging=${join(home, "rotate.plan.json")}`]);
    outputs.push(review.output);
    // THEN the review shows the change, masked
    expect(review.code, review.output).toBe(0);
    expect(review.output).toContain("sensitive_config_vars");
    expect(review.output).not.toContain(ROTATED);
  });

  it("leaks no canary and no key into outputs, logs or synthesized files, and keeps secrets 0600", () => {
    const secrets = [...Object.values(CANARIES), ROTATED];
    const apiKey = JSON.parse(readFileSync(join(home, "platform", "credentials.json"), "utf8")).apiKey as string;
    // Where a secret must live: Terraform state and plans, the platform's records, the local secrets file.
    const keepers = /(\.tfstate(\.backup)?|\.tfplan|rotate\.plan\.json|platform\/platform\.json|local\/secrets\.json|platform\/credentials\.json)$/;
    const files = filesUnder(home);
    expect(readFileSync(join(home, "terraform-trace.log"), "utf8").length).toBeGreaterThan(100_000);
    const leaks: string[] = [];
    for (const file of files.filter((f) => !keepers.test(f))) {
      const text = readFileSync(file).toString("latin1");
      for (const secret of [...secrets, apiKey]) if (text.includes(secret)) leaks.push(`${relative(home, file)} holds ${secret === apiKey ? "the api key" : secret}`);
    }
    for (const output of outputs) for (const secret of [...secrets, apiKey]) if (output.includes(secret)) leaks.push(`command output holds ${secret === apiKey ? "the api key" : secret}`);
    expect(leaks).toEqual([]);
    // AND every file that keeps a secret, and every log, is readable by its owner only
    // (The saved plan was made by this test's own terraform, not by dynoform.)
    const guarded = files.filter((f) => (keepers.test(f) || /\.(log|jsonl)$/.test(f)) && !f.includes("rotate."));
    expect(guarded.length).toBeGreaterThanOrEqual(8);
    expect(guarded.filter((f) => mode(f) !== "600").map((f) => `${relative(home, f)} is ${mode(f)}`)).toEqual([]);
  });
});
