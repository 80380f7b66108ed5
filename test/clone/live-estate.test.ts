import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDynoform, type ProcessRun } from "../run-process";
import { HerokuClient } from "../../lib/heroku-api-client";
import { build, tarball } from "../platform/platform-harness";

/**
 * Cloning on the embedded platform, through the dynoform CLI as a user runs
 * it: an app made by hand with the official heroku CLI is imported and
 * adopted by its first apply (nothing created, nothing destroyed); staging
 * is cloned to qa and applied with the profile's sizes and no copied secret.
 * A scratch project: its own DYNOFORM_HOME and environments folder (holding
 * a copy of the example's staging), the example's app source linked in.
 */
const root = join(__dirname, "..", "..");
const cli = join(root, "test", "heroku-cli", "node_modules", ".bin", "heroku");
const project = mkdtempSync(join(tmpdir(), "dynoform-project-"));
const environments = join(project, "environments");
const home = join(project, "home");
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_ENVIRONMENTS: environments };
let api: HerokuClient;
let platform: { url: string; apiKey: string };

function dynoform(args: string[]): Promise<ProcessRun> {
  return runDynoform(args, env);
}

async function heroku(...args: string[]): Promise<string> {
  const cliEnv = { PATH: process.env.PATH, HOME: join(project, "cli-home"), ...exportsOf(await dynoformOk(["platform", "env"])) };
  const { stdout } = await promisify(execFile)(cli, args, { env: cliEnv, encoding: "utf8" });
  return stdout;
}

async function dynoformOk(args: string[]): Promise<string> {
  const result = await dynoform(args);
  if (result.code !== 0) throw new Error(`dynoform ${args.join(" ")} failed:\n${result.output}`);
  return result.output;
}

function exportsOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

beforeAll(async () => {
  mkdirSync(environments, { recursive: true });
  mkdirSync(join(project, "cli-home"));
  copyFileSync(join(root, "environments", "staging.yaml"), join(environments, "staging.yaml"));
  symlinkSync(join(root, "apps"), join(project, "apps"));
  await dynoformOk(["platform", "start"]);
  const exported = exportsOf(await dynoformOk(["platform", "env"]));
  platform = { url: exported.HEROKU_API_URL, apiKey: exported.HEROKU_API_KEY };
  api = new HerokuClient(platform);
});
afterAll(() => dynoform(["platform", "stop"]));

describe("cloning on the embedded platform", () => {
  it("imports an app made by hand with the heroku CLI, and its first apply creates and destroys nothing", async () => {
    // GIVEN an app made by hand: created, configured, built, scaled, with a database and a domain
    await heroku("apps:create", "shop-live", "--region", "eu");
    await heroku("config:set", "GREETING=hello", "API_TOKEN=tok_live_5f2c9a81d7e34b6a", "-a", "shop-live");
    await build(platform, "shop-live", tarball([{ name: "Procfile", content: "web: gunicorn app:app\nworker: python worker.py\n" }]));
    await heroku("ps:scale", "web=2:standard-1x", "worker=1:standard-1x", "-a", "shop-live");
    await heroku("addons:create", "heroku-postgresql:essential-0", "-a", "shop-live");
    await heroku("domains:add", "www.shop-live.example.com", "-a", "shop-live");
    const before = { app: await api.get<any>("/apps/shop-live"), addons: await api.list<any>("/apps/shop-live/addons") };
    // WHEN it is imported as the environment "shop"
    const imported = await dynoformOk(["import", "--app", "shop-live", "--env", "shop"]);
    // THEN the file holds the plain value, names the secret without its value, and adopts the live ids
    expect(imported).toContain("secrets API_TOKEN: their live values are kept for local deploys");
    const file = readFileSync(join(environments, "shop.yaml"), "utf8");
    expect(file).toContain("GREETING: hello");
    expect(file).toMatch(/secrets:\s*\n\s*- API_TOKEN/);
    expect(file).not.toContain("tok_live_5f2c9a81d7e34b6a");
    expect(file).toContain(before.app.id);
    // AND its plan imports everything, adds nothing and destroys nothing
    const plan = await dynoformOk(["plan", "shop", "--target", "local"]);
    expect(plan).toMatch(/Plan: \d+ to import, 0 to add, \d+ to change, 0 to destroy/);
    // AND after the apply, the platform holds the same app and add-on, and a second plan finds nothing
    await dynoformOk(["deploy", "shop", "--target", "local"]);
    expect((await api.get<any>("/apps/shop-live")).id).toBe(before.app.id);
    expect((await api.list<any>("/apps/shop-live/addons")).map((a) => a.id)).toEqual(before.addons.map((a: any) => a.id));
    expect((await api.list<any>("/apps")).map((a) => a.name).sort()).toEqual(["shop-live"]);
    expect((await api.get<any>("/apps/shop-live/formation/web")).quantity).toBe(2);
    expect((await api.get<Record<string, string>>("/apps/shop-live/config-vars")).API_TOKEN).toBe("tok_live_5f2c9a81d7e34b6a");
    expect(await dynoformOk(["plan", "shop", "--target", "local"])).toContain("No changes.");
  });

  it("clones staging to qa and brings it up with the profile's sizes and a fresh secret", async () => {
    // GIVEN staging deployed
    await dynoformOk(["deploy", "staging", "--target", "local"]);
    // WHEN staging is cloned to qa with the qa profile, and qa deployed
    await dynoformOk(["clone", "staging", "qa", "--profile", "qa"]);
    await dynoformOk(["deploy", "qa", "--target", "local"]);
    // THEN the qa app runs the build with the profile's dyno size, its own add-ons, and a secret of its own
    const qa = readFileSync(join(environments, "qa.yaml"), "utf8");
    const qaName = /name: (\S+)/.exec(qa)![1];
    expect(qaName).not.toBe("flask-demo-staging");
    const formation = await api.list<any>(`/apps/${qaName}/formation`);
    expect(formation.length).toBeGreaterThan(0);
    for (const f of formation) expect(["Eco", "Basic"]).toContain(f.size);
    const addons = await api.list<any>(`/apps/${qaName}/addons`);
    expect(addons.map((a) => a.app.name)).toEqual(addons.map(() => qaName));
    const secrets = JSON.parse(readFileSync(join(home, "local", "secrets.json"), "utf8"));
    const qaSecret = (await api.get<Record<string, string>>(`/apps/${qaName}/config-vars`)).SECRET_KEY;
    expect(qaSecret).toBe(secrets.qa_secret_key);
    expect(qaSecret).not.toBe(secrets.staging_secret_key);
  });

  it("fails to import an app that does not exist, or with a key that cannot see it, writing nothing", async () => {
    const missing = await dynoform(["import", "--app", "no-such-app", "--env", "ghost"]);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(`dynoform: no app "no-such-app" on ${platform.url}: check the name, or that this key can see it`);
    const denied = await runDynoform(["import", "--app", "shop-live", "--env", "ghost"], { ...env, HEROKU_API_KEY: "not-the-key" });
    expect(denied.code).toBe(1);
    expect(denied.output).toContain(`dynoform: no access to app "shop-live" on ${platform.url}: Invalid credentials provided.`);
    expect(existsSync(join(environments, "ghost.yaml"))).toBe(false);
  });
});
