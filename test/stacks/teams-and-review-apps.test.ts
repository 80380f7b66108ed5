/** What a team says in YAML — collaborators, drains, a space, review apps, team members — as the estate's stacks synthesize it. */
import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DeployTarget } from "../../constructs";
import { loadEstate, loadProjectConfig } from "../../environment-files";
import { buildEstate } from "../../stacks/estate";

const SOURCE = "https://example.com/shop.tar.gz";

/** Synthesizes environment files and a dynoform.yaml from a scratch project; the stacks' JSON by name (internal helper). */
function synthProject(files: Record<string, string>, project = ""): Record<string, any> {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-teams-"));
  mkdirSync(join(dir, "environments"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "environments", `${name}.yaml`), text);
  writeFileSync(join(dir, "dynoform.yaml"), project);
  const outdir = join(dir, "out");
  const app = new App({ outdir });
  buildEstate(app, loadEstate(relative(process.cwd(), join(dir, "environments"))), DeployTarget.HEROKU, undefined, loadProjectConfig(join(dir, "dynoform.yaml")).teams);
  app.synth();
  return Object.fromEntries(readdirSync(join(outdir, "stacks")).map((name) => [name, JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"))]));
}

describe("an estate of team apps", () => {
  it("synthesizes collaborators and log drains by name, review apps in the pipeline stack, members in a team stack", () => {
    // GIVEN a team's staging and production, staging configuring the pipeline's review apps, and the team's members in dynoform.yaml
    const stacks = synthProject(
      {
        staging: `app:\n  name: shop-staging\n  team: acme\n  source: ${SOURCE}\ncollaborators:\n  - { email: dev@example.com, permissions: [view, deploy] }\nlogDrains:\n  papertrail: syslog+tls://logs.example.com:12345\npipeline:\n  name: shop\n  stage: staging\n  reviewApps: { repo: acme/shop, region: eu, automatic: true, destroyStaleApps: true, staleDays: 5 }\n`,
        production: `app:\n  name: shop-production\n  team: acme\n  source: ${SOURCE}\npipeline: { name: shop, stage: production }\n`,
      },
      "teams:\n  acme:\n    members:\n      - { email: alice@example.com, role: admin }\n      - { email: bob@example.com, role: viewer, federated: true }\n",
    );
    // THEN one stack per environment, pipeline and team
    expect(Object.keys(stacks).sort()).toEqual(["pipeline-shop", "production", "staging", "team-acme"]);
    // AND staging's collaborator and drain have short addresses by name
    expect(stacks.staging.resource.heroku_team_collaborator).toMatchObject({
      collaborator_dev_example_com: { app_id: "${heroku_app.app.id}", email: "dev@example.com", permissions: ["view", "deploy"] },
    });
    expect(stacks.staging.resource.heroku_drain).toMatchObject({ drain_papertrail: { app_id: "${heroku_app.app.id}", url: "syslog+tls://logs.example.com:12345" } });
    // AND the pipeline has its review apps, deployed to eu
    expect(Object.values(stacks["pipeline-shop"].resource.heroku_review_app_config)).toEqual([
      expect.objectContaining({ org_repo: "acme/shop", deploy_target: { id: "eu", type: "region" }, automatic_review_apps: true, destroy_stale_apps: true, stale_days: 5 }),
    ]);
    // AND the team's members are addressed by email, nothing else in their stack
    expect(Object.keys(stacks["team-acme"].resource)).toEqual(["heroku_team_member"]);
    expect(Object.keys(stacks["team-acme"].resource.heroku_team_member)).toEqual(["member_alice_example_com", "member_bob_example_com"]);
    expect(stacks["team-acme"].resource.heroku_team_member).toMatchObject({
      member_alice_example_com: { team: "acme", email: "alice@example.com", role: "admin", federated: false },
      member_bob_example_com: { team: "acme", email: "bob@example.com", role: "viewer", federated: true },
    });
  });

  it("runs an app in a space named in YAML, looked up at plan time, in the space's region", () => {
    const stacks = synthProject({ staging: `app:\n  name: shop-staging\n  team: acme\n  space: acme-private\n  source: ${SOURCE}\n` });
    const [address] = Object.keys(stacks.staging.data.heroku_space);
    expect(stacks.staging.resource.heroku_app.app).toMatchObject({ space: "acme-private", region: `\${data.heroku_space.${address}.region}` });
  });

  it("deploys review apps to a space named in YAML by the id Heroku answers", () => {
    const stacks = synthProject({
      staging: `app:\n  name: shop-staging\n  source: ${SOURCE}\npipeline:\n  name: shop\n  stage: staging\n  reviewApps: { repo: acme/shop, space: acme-private }\n`,
    });
    const pipeline = stacks["pipeline-shop"];
    const [address] = Object.keys(pipeline.data.heroku_space);
    expect(Object.values(pipeline.resource.heroku_review_app_config)[0]).toMatchObject({ deploy_target: { id: `\${data.heroku_space.${address}.uuid}`, type: "space" } });
  });
});
