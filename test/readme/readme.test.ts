import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEROKU_CLI } from "../setup/heroku-cli";
import { runProcess } from "../run-process";
import { copyProject } from "../support/project-copy";

/**
 * The README's runnable blocks, run as written in a scratch copy of the
 * project: the tour (```sh tour, in order, as one shell session would) and
 * the TypeScript example (```ts example). A block that no longer runs, or
 * no longer does what the README says around it, fails here.
 */
const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The fenced blocks whose info string is exactly `lang tag` (internal helper). */
function blocks(info: string): string[] {
  const found: string[] = [];
  const fence = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(README); m; m = fence.exec(README)) if (m[1].trim() === info) found.push(m[2]);
  return found;
}

let project: string;
// A home others may pass through, as a user's usually is: under root, the data servers run as system users that must reach the data.
const home = mkdtempSync(join(tmpdir(), "dynoform-readme-home-"));
chmodSync(home, 0o711);
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  DYNOFORM_HOME: home,
  DYNOFORM_PLATFORM_PORT: "0",
  // The user's own heroku CLI; here the pinned one, in a scratch HOME it may write to.
  PATH: `${dirname(HEROKU_CLI)}:${process.env.PATH}`,
  HOME: mkdtempSync(join(tmpdir(), "dynoform-readme-cli-home-")),
  HEROKU_SKIP_ANALYTICS: "1",
  DISABLE_TELEMETRY: "true",
};

beforeAll(() => {
  project = copyProject("dynoform-readme-");
});

afterAll(() => {
  spawnSync(process.execPath, [join(ROOT, "bin", "dynoform.js"), "platform", "stop", "--data", join(home, "platform")], { env });
});

describe("the README", () => {
  it("has a tour and an example to run", () => {
    expect(blocks("sh tour").length).toBeGreaterThanOrEqual(5);
    expect(blocks("ts example")).toHaveLength(1);
  });

  it("runs the five-minute tour as written, and each step does what the text around it says", async () => {
    // GIVEN the tour's blocks, run one after the other in one shell, as a user would
    const script = blocks("sh tour");
    const outputs: string[] = [];
    const evals: string[] = [];
    for (const block of script) {
      // WHEN a block runs, in the environment the `eval` lines of earlier blocks set
      const run = await runProcess("bash", ["-euo", "pipefail", "-c", [...evals, block].join("\n")], {
        cwd: project,
        env,
        timeoutMs: 300_000,
      });
      // THEN it succeeds
      expect(run.code, `${block}\n${run.output}`).toBe(0);
      outputs.push(run.output);
      evals.push(...block.split("\n").filter((line) => line.startsWith("eval ")));
    }
    const [start, look, data, , plan, deploy] = outputs;
    expect(start).toContain("flask-demo-production  https://flask-demo-production.herokuapp.com/");
    expect(look).toMatch(/flask-demo-staging/);
    expect(look.trim().split("\n").at(-1)).toBe("debug");
    expect(data).toMatch(/PG Version:\s+16\.\d+\n/);
    expect(data).toContain("CREATE TABLE");
    expect(data.trim().split("\n").at(-1)).toBe("PONG");
    expect(plan).toContain('"LOG_LEVEL"       = "debug" -> "info"');
    expect(plan).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    expect(plan).toContain("**0 to create · 1 to update · 0 to replace · 0 to destroy**");
    expect(deploy.trim().split("\n").at(-1)).toBe("info");
  }, 900_000);

  it("synthesizes the TypeScript example as written", async () => {
    // GIVEN the example saved as shop.ts, as the README says
    const [example] = blocks("ts example");
    writeFileSync(join(project, "shop.ts"), example);
    // WHEN it runs
    const run = await runProcess(process.execPath, [join(project, "node_modules", "tsx", "dist", "cli.mjs"), "shop.ts"], { cwd: project, env });
    // THEN it wrote the stack the README names, with the app, its formation and a protected database
    expect(run.code, run.output).toBe(0);
    const stack = JSON.parse(readFileSync(join(project, "cdktf.out", "stacks", "shop", "cdk.tf.json"), "utf8"));
    const [app] = Object.values(stack.resource.heroku_app) as any[];
    expect(app).toMatchObject({ name: "shop-production", region: "eu", config_vars: { LOG_LEVEL: "info" } });
    expect(Object.values(stack.resource.heroku_formation).map((f: any) => `${f.type}=${f.quantity}x${f.size}`).sort()).toEqual([
      "web=2xstandard-2x",
      "worker=1xstandard-1x",
    ]);
    const [db] = Object.values(stack.resource.heroku_addon) as any[];
    expect(db).toMatchObject({ plan: "heroku-postgresql:standard-0", lifecycle: { prevent_destroy: true } });
    // AND the secret is a sensitive variable fed at deploy time, not a value
    expect(app.sensitive_config_vars).toEqual({ SECRET_KEY: "${var.production_secret_key}" });
    expect(stack.variable.production_secret_key).toMatchObject({ sensitive: true });
  });
});
