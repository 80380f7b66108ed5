/**
 * A team's estate rehearsed on the embedded platform with real terraform and
 * the local provider: a team app with a collaborator and a log drain, the
 * teams' members from dynoform.yaml, and the pipeline's review apps, each
 * written in YAML and applied as `dynoform deploy` applies them.
 */
import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEstateTeams } from "../../deploy/local-target";
import type { SynthesizedStack } from "../../deploy/secrets";
import { loadEstate, loadProjectConfig } from "../../environment-files";
import { HerokuClient } from "../../lib/heroku-api-client";
import { startPlatform, type RunningPlatform } from "../../platform";
import { installLocalProvider } from "../../provider/install/install-provider";
import { buildEstate } from "../../stacks/estate";
import { runTerraform } from "../provider/terraform-harness";

const dir = mkdtempSync(join(tmpdir(), "dynoform-team-estate-"));
const outdir = join(dir, "cdktf.out");
let platform: RunningPlatform;
let api: HerokuClient;
let cliConfig: string;

/** terraform in a stack's folder, init done once (internal helper). */
const initialised = new Set<string>();
async function terraform(stack: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const run = (a: string[]) => runTerraform(join(outdir, "stacks", stack), a, { TF_CLI_CONFIG_FILE: cliConfig, HEROKU_API_KEY: platform.apiKey });
  if (!initialised.has(stack)) {
    const init = await run(["init", "-input=false"]);
    if (init.code !== 0) throw new Error(`terraform init ${stack}:\n${init.output}`);
    initialised.add(stack);
  }
  return run(args);
}

const stackJson = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));

beforeAll(async () => {
  platform = await startPlatform({ dataDir: join(dir, "platform"), port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  cliConfig = installLocalProvider(join(dir, "terraform")).cliConfigFile;
  // GIVEN a team's staging environment and the members of two teams, one of which owns no app
  mkdirSync(join(dir, "environments"));
  const source = relative(join(dir, "environments"), join(__dirname, "..", "environment-files", "fixtures", "flask-app"));
  writeFileSync(
    join(dir, "environments", "staging.yaml"),
    `app:\n  name: acme-shop-staging\n  team: acme\n  source: ${source}\nformation:\n  web: { size: standard-1x, quantity: 1 }\ncollaborators:\n  - { email: dev@example.com, permissions: [view, deploy] }\nlogDrains:\n  papertrail: syslog+tls://logs.example.com:12345\npipeline:\n  name: acme-shop\n  stage: staging\n  reviewApps: { repo: acme/shop, automatic: true, destroyStaleApps: true, staleDays: 5 }\n`,
  );
  writeFileSync(join(dir, "dynoform.yaml"), "teams:\n  acme:\n    members:\n      - { email: alice@example.com, role: admin }\n  globex:\n    members:\n      - { email: bob@example.com, role: viewer }\n");
  // WHEN it is synthesized for the embedded platform, as dynoform deploy does
  const app = new App({ outdir });
  const environments = loadEstate(relative(process.cwd(), join(dir, "environments")));
  buildEstate(app, environments, { kind: "local", apiUrl: platform.url, stateDir: join(dir, "state") }, undefined, loadProjectConfig(join(dir, "dynoform.yaml")).teams);
  app.synth();
}, 120_000);
afterAll(() => platform?.close());

describe("a team's estate on the embedded platform", () => {
  it("creates the teams, applies members, a team collaborator, a log drain and review apps, and plans nothing after", async () => {
    // GIVEN the teams the stacks name made on the platform, globex named only by its members
    const stacks: SynthesizedStack[] = readdirSync(join(outdir, "stacks")).map((name) => ({ name, json: stackJson(name) }));
    const said: string[] = [];
    await ensureEstateTeams({ apiUrl: platform.url, apiKey: platform.apiKey, platformLine: "", env: {}, providerPackageDir: "" }, stacks, (line) => said.push(line));
    expect(said).toEqual([
      "created team acme on the embedded platform (the account is its admin)",
      "created team globex on the embedded platform (the account is its admin)",
    ]);

    // WHEN the environment and the team stacks are applied
    for (const stack of ["staging", "team-acme", "team-globex"]) {
      const applied = await terraform(stack, "apply", "-auto-approve", "-input=false");
      expect(applied.code, applied.output).toBe(0);
    }
    // AND the pipeline is made, connected to GitHub by hand as on Heroku, then its review apps configured
    const pipelineAddress = Object.keys(stackJson("pipeline-acme-shop").resource.heroku_pipeline)[0];
    const pipelineMade = await terraform("pipeline-acme-shop", "apply", "-auto-approve", "-input=false", `-target=heroku_pipeline.${pipelineAddress}`);
    expect(pipelineMade.code, pipelineMade.output).toBe(0);
    const pipeline = (await api.get<Array<{ id: string; name: string }>>("/pipelines")).find((p) => p.name === "acme-shop")!;
    await api.post(`/pipelines/${pipeline.id}/repository`, { repository: "acme/shop" });
    const applied = await terraform("pipeline-acme-shop", "apply", "-auto-approve", "-input=false");
    expect(applied.code, applied.output).toBe(0);

    // THEN the platform has the members, in their roles
    const members = async (team: string) => (await api.get<Array<{ email: string; role: string }>>(`/teams/${team}/members`)).map((m) => `${m.email}=${m.role}`).sort();
    expect(await members("acme")).toContain("alice@example.com=admin");
    expect(await members("globex")).toContain("bob@example.com=viewer");
    // AND the team app's collaborator with its permissions, and the log drain
    const collaborators = await api.get<Array<{ user: { email: string }; permissions: Array<{ name: string }> }>>("/teams/apps/acme-shop-staging/collaborators");
    const dev = collaborators.find((c) => c.user.email === "dev@example.com")!;
    expect(dev.permissions.map((p) => p.name).sort()).toEqual(["deploy", "view"]);
    expect((await api.get<Array<{ url: string }>>("/apps/acme-shop-staging/log-drains")).map((d) => d.url)).toEqual(["syslog+tls://logs.example.com:12345"]);
    // AND the pipeline's review apps as written
    expect(await api.get(`/pipelines/${pipeline.id}/review-app-config`)).toMatchObject({ automatic_review_apps: true, destroy_stale_apps: true, stale_days: 5, wait_for_ci: false });
    // AND no stack plans a change afterwards
    for (const stack of ["staging", "team-acme", "team-globex", "pipeline-acme-shop"]) {
      const plan = await terraform(stack, "plan", "-detailed-exitcode", "-input=false");
      expect(plan.code, `${stack}:\n${plan.output}`).toBe(0);
    }
  }, 300_000);
});
