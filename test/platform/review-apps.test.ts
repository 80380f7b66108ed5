import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { herokuCli } from "./heroku-cli-harness";
import { api, ok, platform } from "./platform-harness";
import { shapeProblems } from "./api-shapes";

/**
 * Review apps of a pipeline on the embedded platform: the repository
 * connection, the review-app configuration in the official schema's shape
 * (`fixtures/api-shapes.json`, from heroku-go's v6/schema.json), and
 * the pinned heroku CLI's `reviewapps:enable` reading the connection.
 */

describe("embedded platform: review apps", () => {
  it("records a pipeline's repository and enables, updates and disables its review apps in the schema's shape", async () => {
    const p = await platform();
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-review" });
    // GIVEN the pipeline connected to a repository
    expect((await ok(p, "POST", `/pipelines/${pipeline.id}/repository`, { repository: "acme/shop" })).repository.name).toBe("acme/shop");
    expect((await ok(p, "GET", `/pipelines/${pipeline.id}/repo`)).full_name).toBe("acme/shop");
    // WHEN review apps are enabled from it, with a region by name
    const enabled = await ok(p, "POST", `/pipelines/${pipeline.id}/review-app-config`, { repo: "acme/shop", deploy_target: { id: "eu", type: "region" } });
    expect(shapeProblems("review-app-config", enabled)).toEqual([]);
    expect(enabled).toMatchObject({ pipeline_id: pipeline.id, automatic_review_apps: false, base_name: null, deploy_target: { id: "ed30241c-ed8c-4bb6-9714-61953675d0b4", type: "region" } });
    // AND updated, then disabled
    expect((await ok(p, "PATCH", `/pipelines/shop-review/review-app-config`, { automatic_review_apps: true, stale_days: 3 })).stale_days).toBe(3);
    await ok(p, "DELETE", `/pipelines/${pipeline.id}/review-app-config`);
    const gone = await api(p, "GET", `/pipelines/${pipeline.id}/review-app-config`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).id).toBe("not_found");
  });

  it("refuses a repository the pipeline is not connected to, a bad deploy target and a space target", async () => {
    const p = await platform();
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-bare" });
    const unconnected = await api(p, "POST", `/pipelines/${pipeline.id}/review-app-config`, { repo: "acme/shop" });
    expect(unconnected.status).toBe(422);
    await ok(p, "POST", `/pipelines/${pipeline.id}/repository`, { repository: "acme/shop" });
    expect((await api(p, "POST", `/pipelines/${pipeline.id}/review-app-config`, { repo: "acme/shop", deploy_target: { id: "Europe", type: "region" } })).status).toBe(422);
    const space = await api(p, "POST", `/pipelines/${pipeline.id}/review-app-config`, { repo: "acme/shop", deploy_target: { id: "01234567-89ab-cdef-0123-456789abcdef", type: "space" } });
    expect(space.status).toBe(404);
    expect((await api(p, "GET", `/pipelines/${pipeline.id}/repo`)).status).toBe(200);
  });

  it("heroku reviewapps:enable finds the connected repository through dashboard-repositories-api and enables review apps", async () => {
    const p = await platform();
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-cli-review" });
    await ok(p, "POST", `/pipelines/${pipeline.id}/repository`, { repository: "acme/shop" });
    await ok(p, "PATCH", "/account/features/dashboard-repositories-api", { enabled: true });
    const { stderr } = await herokuCli(p).herokuOutput("reviewapps:enable", "-p", "shop-cli-review");
    expect(stderr).toContain("Configuring pipeline... done");
    expect(await ok(p, "GET", `/pipelines/${pipeline.id}/review-app-config`)).toMatchObject({ pipeline_id: pipeline.id, automatic_review_apps: false });
  }, 60_000);
});

describe("embedded platform: review apps of a deleted pipeline", () => {
  it("are gone with it: a new pipeline of the same name starts unconnected, and the data file keeps nothing of the old one", async () => {
    const p = await platform();
    const old = await ok(p, "POST", "/pipelines", { name: "shop-gone" });
    await ok(p, "POST", `/pipelines/${old.id}/repository`, { repository: "acme/shop" });
    await ok(p, "POST", `/pipelines/${old.id}/review-app-config`, { repo: "acme/shop" });
    await ok(p, "DELETE", `/pipelines/${old.id}`);
    const renewed = await ok(p, "POST", "/pipelines", { name: "shop-gone" });
    expect((await api(p, "GET", `/pipelines/${renewed.id}/repo`)).status).toBe(404);
    await ok(p, "POST", `/pipelines/${renewed.id}/repository`, { repository: "acme/other" });
    const data = JSON.parse(readFileSync(join(p.dataDir, "platform.json"), "utf8"));
    expect(data.pipelineRepositories.map((r: any) => r.pipeline.id)).toEqual([renewed.id]);
    expect(data.reviewAppConfigs).toEqual([]);
  });
});
