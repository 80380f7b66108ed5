import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient } from "../../lib/heroku-api-client";
import { runDynoform, type ProcessRun } from "../run-process";

/**
 * An environment dropped from the code, on the embedded platform, through
 * the dynoform CLI as a user runs it: a scratch project (its own
 * DYNOFORM_HOME and environments folder) with two small apps, alpha and beta.
 * The tests run in order: each starts from what the previous one left.
 */
const root = join(__dirname, "..", "..");
const project = mkdtempSync(join(tmpdir(), "dynoform-orphans-"));
const environments = join(project, "environments");
const home = join(project, "home");
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_ENVIRONMENTS: environments };
let api: HerokuClient;

function dynoform(...args: string[]): Promise<ProcessRun> {
  return runDynoform(args, env);
}

/** The app's HTTP status on the platform: 200 while it exists, 404 once destroyed (internal helper). */
async function appStatus(name: string): Promise<number> {
  try {
    await api.get(`/apps/${name}`);
    return 200;
  } catch (error) {
    return (error as { status?: number }).status ?? 0;
  }
}

beforeAll(async () => {
  mkdirSync(environments, { recursive: true });
  symlinkSync(join(root, "apps"), join(project, "apps"));
  for (const name of ["alpha", "beta"]) {
    writeFileSync(join(environments, `${name}.yaml`), `app:\n  name: orphan-test-${name}\n  source: ../apps/flask-demo\nformation:\n  web: { size: basic, quantity: 1 }\n`);
  }
  const started = await dynoform("platform", "start");
  if (started.code !== 0) throw new Error(started.output);
  const exported = Object.fromEntries([...(await dynoform("platform", "env")).output.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  api = new HerokuClient({ url: exported.HEROKU_API_URL, apiKey: exported.HEROKU_API_KEY });
});
afterAll(async () => {
  await dynoform("platform", "stop");
  rmSync(project, { recursive: true, force: true });
});

describe("a stack dropped from the code, on the embedded platform", () => {
  it("deploys both environments", async () => {
    const deployed = await dynoform("deploy", "--target", "local");
    expect(deployed.code, deployed.output).toBe(0);
    expect(await appStatus("orphan-test-beta")).toBe(200);
  });

  it("names the orphaned stack on the next deploy, and leaves its app running", async () => {
    // GIVEN beta's environment file deleted
    rmSync(join(environments, "beta.yaml"));
    // WHEN the estate is deployed again
    const deployed = await dynoform("deploy", "--target", "local");
    // THEN the deploy succeeds, names beta as orphaned with its state and app, and says how to destroy it
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toContain(
      `orphaned stack beta: no longer in the code, but its state (${join(home, "local", "state", "beta.tfstate")}) holds 3 resources (app orphan-test-beta)`,
    );
    expect(deployed.output).toContain("`npx dynoform deploy --target local --destroy-orphans` destroys them");
    // AND beta's app is still there: nothing destroyed it
    expect(await appStatus("orphan-test-beta")).toBe(200);
  });

  it("refuses --destroy-orphans with plan", async () => {
    const planned = await dynoform("plan", "--target", "local", "--destroy-orphans");
    expect(planned.code).toBe(2);
    expect(planned.output).toContain("--destroy-orphans goes with deploy, not plan");
  });

  it("destroys the orphan with --destroy-orphans, and names it no more", async () => {
    // WHEN deployed with --destroy-orphans
    const deployed = await dynoform("deploy", "--target", "local", "--destroy-orphans");
    // THEN beta's app is destroyed, alpha's is not, and beta's state holds nothing
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toContain("destroying orphaned stack beta: 3 resources (app orphan-test-beta)");
    expect(await appStatus("orphan-test-beta")).toBe(404);
    expect(await appStatus("orphan-test-alpha")).toBe(200);
    expect(JSON.parse(readFileSync(join(home, "local", "state", "beta.tfstate"), "utf8")).resources).toEqual([]);
    // AND the next deploy finds no orphan
    const again = await dynoform("deploy", "--target", "local");
    expect(again.code, again.output).toBe(0);
    expect(again.output).not.toContain("orphaned stack");
  });
});
