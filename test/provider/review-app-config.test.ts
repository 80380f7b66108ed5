import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient, HerokuApiError } from "../../lib/heroku-api-client";
import { startPlatform, type RunningPlatform } from "../../platform";
import { initializedOn, platformProviderBlock } from "./terraform-harness";

/**
 * heroku_review_app_config through real terraform and the local provider,
 * against the embedded platform, on a pipeline connected to a repository
 * beforehand (as heroku/heroku's acceptance test uses a pre-connected one:
 * the GitHub connection cannot be terraformed).
 */
let platform: RunningPlatform;
let api: HerokuClient;
let pipelineId: string;

/** The pipeline every configuration here reviews, read by name. */
const PIPELINE = `
data "heroku_pipeline" "p" {
  name = "review-line"
}
`;

const config = (automatic: boolean, destroyStale: boolean, waitForCi: boolean, staleDays = "stale_days = 5") => `
resource "heroku_review_app_config" "r" {
  pipeline_id           = data.heroku_pipeline.p.id
  org_repo              = "heroku/ruby-getting-started"
  automatic_review_apps = ${automatic}
  base_name             = "ruby-st"
  deploy_target {
    id   = "us"
    type = "region"
  }
  destroy_stale_apps = ${destroyStale}
  ${staleDays}
  wait_for_ci = ${waitForCi}
}
`;

beforeAll(async () => {
  platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-review-")), port: 0 });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  pipelineId = (await api.post<{ id: string }>("/pipelines", { name: "review-line" })).id;
  await api.post(`/pipelines/${pipelineId}/repository`, { repository: "heroku/ruby-getting-started" });
  await api.post("/pipelines", { name: "unconnected-line" });
});
afterAll(() => platform.close());

const initialized = (body: string) => initializedOn(platform, body);

describe("heroku_review_app_config", () => {
  it("enables review apps as the acceptance test's two steps do, imports, and disables them on destroy", async () => {
    // GIVEN the acceptance test's first configuration
    const tf = await initialized(PIPELINE + config(true, true, true));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    const shown = (await tf.run("state", "show", "heroku_review_app_config.r")).output;
    expect(shown).toMatch(/id\s+= "us"/);
    expect(shown).toMatch(/type\s+= "region"/);
    expect(shown).toMatch(/stale_days\s+= 5/);
    expect(shown).toMatch(/repo_id\s+= \d+/);
    expect(shown).toMatch(new RegExp(`pipeline_id\\s+= "${pipelineId}"`));
    // THEN the platform has it, with the region by id
    const stored = await api.get<any>(`/pipelines/${pipelineId}/review-app-config`);
    expect(stored).toMatchObject({ automatic_review_apps: true, destroy_stale_apps: true, wait_for_ci: true, base_name: "ruby-st", stale_days: 5 });
    expect(stored.deploy_target).toEqual({ id: "59accabd-516d-4f0e-83e6-6e3757701145", type: "region" });
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // WHEN the second step turns everything off and leaves stale_days out
    tf.write(platformProviderBlock(platform.url) + PIPELINE + config(false, false, false, ""));
    const updated = await tf.run("apply", "-auto-approve");
    expect(updated.output, updated.output).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
    expect(await api.get<any>(`/pipelines/${pipelineId}/review-app-config`)).toMatchObject({ automatic_review_apps: false, destroy_stale_apps: false, wait_for_ci: false, stale_days: 5 });
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // AND forgotten, it is imported by `<pipeline id>:<org/repo>` with nothing to change
    expect((await tf.run("state", "rm", "heroku_review_app_config.r")).code).toBe(0);
    const imported = await tf.run("import", "heroku_review_app_config.r", `${pipelineId}:heroku/ruby-getting-started`);
    expect(imported.code, imported.output).toBe(0);
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // AND destroyed, review apps are disabled
    const destroyed = await tf.run("destroy", "-auto-approve");
    expect(destroyed.code, destroyed.output).toBe(0);
    await expect(api.get(`/pipelines/${pipelineId}/review-app-config`)).rejects.toBeInstanceOf(HerokuApiError);
  });

  it("refuses what the real provider's schema refuses, with its messages", async () => {
    const tf = await initialized(`
resource "heroku_review_app_config" "bad" {
  pipeline_id = "review-line"
  org_repo    = "heroku/ruby-getting-started"
  deploy_target {
    id   = "United States"
    type = "zone"
  }
  stale_days = 45
}
`);
    const plan = await tf.run("plan");
    expect(plan.code).not.toBe(0);
    const output = plan.output.replace(/\s+/g, " ");
    expect(output).toContain('expected "pipeline_id" to be a valid UUID, got review-line');
    expect(output).toContain("invalid deploy target id");
    expect(output).toContain("expected deploy_target.0.type to be one of [space region], got zone");
    expect(output).toContain("expected stale_days to be in the range (1 - 30), got 45");
    expect(output).toContain('"stale_days": all of `destroy_stale_apps,stale_days` must be specified');
  });

  it("fails on a pipeline not connected to the repository with the real provider's summary", async () => {
    const tf = await initialized(`
data "heroku_pipeline" "p" {
  name = "unconnected-line"
}
resource "heroku_review_app_config" "r" {
  pipeline_id = data.heroku_pipeline.p.id
  org_repo    = "heroku/ruby-getting-started"
  deploy_target {
    id   = "eu"
    type = "region"
  }
}
`);
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code).not.toBe(0);
    const output = applied.output.replace(/\s+/g, " ");
    expect(output).toMatch(/Unable to enable review apps config for pipeline [0-9a-f-]{36}/);
    expect(output).toContain("Pipeline unconnected-line is not connected to the repository heroku/ruby-getting-started.");
  });
});
