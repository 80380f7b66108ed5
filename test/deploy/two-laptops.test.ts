import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploySecretValues, type SynthesizedStack } from "../../deploy/secrets";
import { HerokuClient } from "../../lib/heroku-api-client";
import { runDynoform, runProcess, type ProcessRun } from "../run-process";
import { startPostgres, type PostgresServer } from "../support/postgres-server";
import { copyProject } from "../support/project-copy";

/**
 * Two laptops rehearsing together: two fresh copies of the project, each
 * with its own working directory and DYNOFORM_HOME (no file shared), one
 * embedded platform named by HEROKU_API_URL/HEROKU_API_KEY (as
 * `eval "$(npx dynoform platform env)"` sets them), one PostgreSQL holding
 * every stack's state (DYNOFORM_BACKEND=pg), and the same TF_VAR_* secrets.
 *
 * What "no update is lost" honestly means with one shared state. Terraform's
 * state lock serializes the applies of a stack, and `cdktf deploy` runs
 * `terraform apply`, which plans inside the lock: the second apply of a
 * stack always plans against the first one's result, never against what
 * was there before it. That rules out the lost update of two concurrent
 * writers (two creates of one app, or B writing over A's result unseen).
 * It does not, and should not, make an older copy of the code win less:
 * when A adds a config var and B deploys its own file without it, B's apply
 * — if it comes second — removes the var, because B's code says so. What is
 * tested is that this is never silent: the var is gone after both deploys
 * exactly when B's own plan output shows its removal; otherwise B ran first
 * and A's var is there. Once B takes A's change (as a pull would), both
 * copies plan no changes.
 */
const platformHome = mkdtempSync(join(tmpdir(), "dynoform-laptops-platform-"));
const copies: string[] = [];
let pg: PostgresServer;
let shared: NodeJS.ProcessEnv;
let api: HerokuClient;
let secrets: Record<string, string>;

interface Laptop {
  readonly dir: string;
  readonly home: string;
  /** Runs its own CLI with the team's secrets, unless `secrets: false`, and `env` on top. */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; secrets?: boolean }): Promise<ProcessRun>;
}

/** This machine's environment without anything dynoform, Heroku or Terraform reads (internal helper). */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DYNOFORM_|HEROKU_|TF_|PG_CONN_STR$)/.test(name)));
}

/** A fresh copy of the project with its own home; its own CLI runs in it, as `npx dynoform` would (internal helper). */
function laptop(name: string): Laptop {
  const dir = copyProject(`dynoform-laptop-${name}-`);
  const home = mkdtempSync(join(tmpdir(), `dynoform-laptop-${name}-home-`));
  copies.push(dir, home);
  const run: Laptop["run"] = (args, { env = {}, secrets: withSecrets = true } = {}) =>
    runProcess(process.execPath, [join(dir, "bin", "dynoform.js"), ...args], {
      cwd: dir,
      env: { ...shared, DYNOFORM_HOME: home, ...(withSecrets ? secrets : {}), ...env },
      timeoutMs: 240_000,
    });
  return { dir, home, run };
}

/** What the platform holds, one entry per app, add-on (app:service), custom domain and pipeline (internal helper). */
async function platformEstate() {
  const apps = await api.get<{ id: string; name: string }[]>("/apps");
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  const addons = await api.get<{ app: { id: string }; addon_service: { name: string } }[]>("/addons");
  const domains = await Promise.all(apps.map((a) => api.get<{ kind: string; hostname: string }[]>(`/apps/${a.id}/domains`)));
  return {
    apps: apps.map((a) => a.name).sort(),
    addons: addons.map((a) => `${appName.get(a.app.id)}:${a.addon_service.name}`).sort(),
    domains: domains.flat().filter((d) => d.kind === "custom").map((d) => d.hostname).sort(),
    pipelines: (await api.get<{ name: string }[]>("/pipelines")).map((p) => p.name).sort(),
  };
}

/** The staging app's config vars on the platform (internal helper). */
function stagingConfig(): Promise<Record<string, string>> {
  return api.get<Record<string, string>>("/apps/flask-demo-staging/config-vars");
}

const CHANGED = /Plan: [1-9]|[1-9]\d* to (add|change|destroy)/;

let a: Laptop;
let b: Laptop;

beforeAll(async () => {
  pg = await startPostgres();
  // One platform, started the way a teammate would, in a home neither copy uses.
  const platformEnv = { ...cleanEnvironment(), CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: platformHome, DYNOFORM_PLATFORM_PORT: "0" };
  const started = await runDynoform(["platform", "start"], platformEnv);
  if (started.code !== 0) throw new Error(started.output);
  const exported = Object.fromEntries([...(await runDynoform(["platform", "env"], platformEnv)).output.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  api = new HerokuClient({ url: exported.HEROKU_API_URL, apiKey: exported.HEROKU_API_KEY });
  shared = { ...cleanEnvironment(), ...exported, CHECKPOINT_DISABLE: "1", DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_BACKEND: "pg", PG_CONN_STR: pg.url };
  // The same values on both laptops, as a team's secret store would hand them out.
  secrets = Object.fromEntries(["TF_VAR_production_secret_key", "TF_VAR_staging_secret_key"].map((name) => [name, randomBytes(16).toString("hex")]));
  a = laptop("a");
  b = laptop("b");
});

afterAll(async () => {
  await runDynoform(["platform", "stop", "--data", join(platformHome, "platform")], { ...process.env, DYNOFORM_HOME: platformHome });
  pg?.stop();
  for (const dir of [...copies, platformHome]) rmSync(dir, { recursive: true, force: true });
});

describe("two laptops rehearsing together", () => {
  it("names every missing secret before Terraform runs: with a shared backend no copy generates its own", async () => {
    // GIVEN no TF_VAR_* in copy A's environment
    // WHEN it plans
    const plan = await a.run(["plan", "--target", "local"], { secrets: false });
    // THEN it says which platform it uses, then names both secrets and why, and runs nothing
    expect(plan.code, plan.output).toBe(1);
    expect(plan.output).toContain(`using the shared embedded platform on ${shared.HEROKU_API_URL} (HEROKU_API_URL)`);
    const missing = /missing secret values: set (.*) in the environment \(the pg state backend is shared: every working copy feeds the same values\)/.exec(plan.output);
    expect(missing?.[1]).toBe("TF_VAR_production_secret_key, TF_VAR_staging_secret_key");
    expect(existsSync(join(a.home, "local", "secrets.json"))).toBe(false);
  });

  it("refuses a HEROKU_API_URL that is not on this machine, or a key the platform does not know, in one line, starting nothing", async () => {
    const remote = await a.run(["plan", "--target", "local"], { env: { HEROKU_API_URL: "https://api.heroku.com" } });
    expect(remote.code).toBe(1);
    expect(remote.output.trim()).toBe(
      "dynoform: HEROKU_API_URL https://api.heroku.com is not an embedded platform (not a loopback address): unset it for a platform of your own, or deploy with --target heroku",
    );
    const wrongKey = await a.run(["plan", "--target", "local"], { env: { HEROKU_API_KEY: "not-the-key" } });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.output.trim()).toMatch(new RegExp(`^dynoform: the embedded platform at ${shared.HEROKU_API_URL} \\(HEROKU_API_URL\\) does not answer to HEROKU_API_KEY: [^\\n]+$`));
    expect(wrongKey.output).not.toContain("not-the-key");
    expect(existsSync(join(a.home, "platform"))).toBe(false);
  });

  it("deploys the same estate from both copies at once: both succeed, and the platform holds one of everything", async () => {
    // WHEN both copies deploy every stack at the same time
    const [fromA, fromB] = await Promise.all([a.run(["deploy", "--target", "local"]), b.run(["deploy", "--target", "local"])]);
    // THEN both succeed on the shared platform, neither starting one of its own or generating secrets
    expect(fromA.code, fromA.output).toBe(0);
    expect(fromB.code, fromB.output).toBe(0);
    for (const copy of [a, b]) {
      expect(existsSync(join(copy.home, "platform"))).toBe(false);
      expect(existsSync(join(copy.home, "local", "secrets.json"))).toBe(false);
    }
    // AND each stack was created by one copy; the other waited for its lock and found nothing to do
    for (const stack of ["staging", "production", "pipeline-flask-demo"]) {
      // (the run's summary names what each stack did: `staging: 7 added, 0 changed, 0 destroyed`, or `staging: no changes`)
      const created = [fromA, fromB].map((run) => new RegExp(`^${stack}: [1-9]\\d* added, `, "m").test(run.output));
      expect(created.filter(Boolean), `${stack}: created by A, by B: ${created}`).toHaveLength(1);
    }
    // AND the platform holds exactly one of each app, add-on, domain and pipeline
    expect(await platformEstate()).toEqual({
      apps: ["flask-demo-production", "flask-demo-staging"],
      addons: [
        "flask-demo-production:heroku-postgresql",
        "flask-demo-production:heroku-redis",
        "flask-demo-production:scheduler",
        "flask-demo-staging:heroku-postgresql",
        "flask-demo-staging:heroku-redis",
        "flask-demo-staging:scheduler",
      ],
      domains: ["www.flask-demo.example.com"],
      pipelines: ["flask-demo"],
    });
  }, 300_000);

  it("never loses A's config var silently to B's concurrent deploy of older code, and converges once B takes A's change", async () => {
    // GIVEN copy A adds a config var to staging; copy B's file is as it was
    const file = (copy: Laptop) => join(copy.dir, "environments", "staging.yaml");
    writeFileSync(file(a), readFileSync(file(a), "utf8").replace("  LOG_LEVEL: debug\n", "  LOG_LEVEL: debug\n  TEAM_NOTE: from-a\n"));
    // WHEN both deploy staging at the same time
    const [fromA, fromB] = await Promise.all([a.run(["deploy", "staging", "--target", "local"]), b.run(["deploy", "staging", "--target", "local"])]);
    expect(fromA.code, fromA.output).toBe(0);
    expect(fromB.code, fromB.output).toBe(0);
    // THEN A's var is gone exactly when B's own output shows it removing it (B applied second,
    // planning against A's result); otherwise B applied first and the var is there
    const present = (await stagingConfig()).TEAM_NOTE === "from-a";
    // (B's summary: staging changed, where the only difference from what it planned against is A's var)
    const bRemovedIt = /^staging: 0 added, 1 changed, 0 destroyed/m.test(fromB.output);
    expect({ present, bRemovedIt }, fromB.output).toEqual(present ? { present: true, bRemovedIt: false } : { present: false, bRemovedIt: true });
    // WHEN B takes A's change (as a pull would) and deploys
    writeFileSync(file(b), readFileSync(file(a), "utf8"));
    const pulled = await b.run(["deploy", "staging", "--target", "local"]);
    expect(pulled.code, pulled.output).toBe(0);
    // THEN the var is there, both copies plan no changes, and the platform still holds one of everything
    expect((await stagingConfig()).TEAM_NOTE).toBe("from-a");
    const plans = await Promise.all([a.run(["plan", "--target", "local"]), b.run(["plan", "--target", "local"])]);
    for (const plan of plans) {
      expect(plan.code, plan.output).toBe(0);
      expect(plan.output).not.toMatch(CHANGED);
      expect(plan.output.match(/No changes\./g)).toHaveLength(3);
    }
    const estate = await platformEstate();
    expect([estate.apps.length, estate.addons.length, estate.domains.length, estate.pipelines.length]).toEqual([2, 6, 1, 1]);
  }, 300_000);
});

describe("secrets of a stack synthesized with a shared backend", () => {
  it("come from TF_VAR_* even with DYNOFORM_BACKEND unset, and only local state generates them", () => {
    // GIVEN a stack whose own backend is pg (as dynoform.yaml or its TypeScript chose), and one with local state
    const stack = (backend: Record<string, Record<string, unknown>>): SynthesizedStack => ({
      name: "staging",
      json: { variable: { staging_secret_key: { sensitive: true } }, terraform: { backend } },
    });
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-laptops-secrets-"));
    copies.push(dataDir);
    // THEN the pg stack's secret is named as missing, and the local one is generated
    expect(() => deploySecretValues([stack({ pg: { schema_name: "dynoform_staging" } })], { local: true, dataDir, env: {} })).toThrow(
      "missing secret values: set TF_VAR_staging_secret_key in the environment (the pg state backend is shared: every working copy feeds the same values)",
    );
    expect(existsSync(join(dataDir, "secrets.json"))).toBe(false);
    expect(Object.keys(deploySecretValues([stack({ local: { path: "x.tfstate" } })], { local: true, dataDir, env: {} }))).toEqual(["staging_secret_key"]);
  });
});
