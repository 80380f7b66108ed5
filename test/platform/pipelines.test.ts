import { describe, expect, it } from "vitest";
import { api, lastRelease, ok, platform, releasedApp } from "./platform-harness";

/** A pipeline with a staging and a production app, the staging one released (internal helper). */
async function shopPipeline(p: { url: string; apiKey: string }) {
  const staging = await releasedApp(p, "shop-staging");
  const production = await ok(p, "POST", "/apps", { name: "shop" });
  const pipeline = await ok(p, "POST", "/pipelines", { name: "shop" });
  await ok(p, "POST", "/pipeline-couplings", { app: staging.id, pipeline: pipeline.id, stage: "staging" });
  await ok(p, "POST", "/pipeline-couplings", { app: production.id, pipeline: pipeline.id, stage: "production" });
  return { staging, production, pipeline };
}

describe("embedded platform: pipelines, couplings and promotions", () => {
  it("creates, finds by name, renames and deletes a pipeline", async () => {
    const p = await platform();
    const created = await ok(p, "POST", "/pipelines", { name: "shop" });
    expect((await ok(p, "GET", "/pipelines/shop")).id).toBe(created.id);
    expect((await ok(p, "GET", "/pipelines?eq[name]=shop")).map((x: { id: string }) => x.id)).toEqual([created.id]);
    expect((await ok(p, "PATCH", `/pipelines/${created.id}`, { name: "store" })).name).toBe("store");
    await ok(p, "DELETE", "/pipelines/store");
    expect((await api(p, "GET", "/pipelines/store")).status).toBe(404);
  });

  it("fails on a taken or invalid pipeline name", async () => {
    const p = await platform();
    await ok(p, "POST", "/pipelines", { name: "shop" });
    expect((await (await api(p, "POST", "/pipelines", { name: "shop" })).json()).message).toBe("Name has already been taken.");
    expect((await api(p, "POST", "/pipelines", { name: "Shop!" })).status).toBe(422);
  });

  it("couples apps to stages, lists them per pipeline and per app, and moves one", async () => {
    // GIVEN a pipeline with two coupled apps
    const p = await platform();
    const { staging, pipeline } = await shopPipeline(p);
    // WHEN the couplings are listed and one changes stage
    const couplings = await ok(p, "GET", `/pipelines/${pipeline.id}/pipeline-couplings`);
    const ofStaging = await ok(p, "GET", `/apps/${staging.id}/pipeline-couplings`);
    const moved = await ok(p, "PATCH", `/pipeline-couplings/${ofStaging.id}`, { stage: "development" });
    // THEN each app is in its stage, and the moved one in its new stage
    expect(couplings.map((c: { stage: string }) => c.stage).sort()).toEqual(["production", "staging"]);
    expect(moved.stage).toBe("development");
    expect((await ok(p, "GET", `/pipeline-couplings/${ofStaging.id}`)).stage).toBe("development");
    await ok(p, "DELETE", `/pipeline-couplings/${ofStaging.id}`);
    expect((await api(p, "GET", `/apps/${staging.id}/pipeline-couplings`)).status).toBe(404);
  });

  it("fails to couple an app already in a pipeline, or to an unknown stage", async () => {
    const p = await platform();
    const { staging } = await shopPipeline(p);
    const other = await ok(p, "POST", "/pipelines", { name: "other" });
    const twice = await api(p, "POST", "/pipeline-couplings", { app: staging.id, pipeline: other.id, stage: "staging" });
    expect(twice.status).toBe(422);
    expect((await twice.json()).message).toBe("shop-staging is already a member of a pipeline.");
    const blog = await ok(p, "POST", "/apps", { name: "blog" });
    expect((await api(p, "POST", "/pipeline-couplings", { app: blog.id, pipeline: other.id, stage: "qa" })).status).toBe(422);
  });

  it("promotes the staging slug to production as a new release, completing asynchronously", async () => {
    // GIVEN a released staging app and a production app in one pipeline
    const p = await platform();
    const { staging, production, pipeline } = await shopPipeline(p);
    // WHEN staging is promoted
    const promotion = await ok(p, "POST", "/pipeline-promotions", {
      pipeline: { id: pipeline.id },
      source: { app: { id: staging.id } },
      targets: [{ app: { id: production.id } }],
    });
    expect(promotion.status).toBe("pending");
    // THEN it completes, and production runs the staging slug in a "Promote" release
    expect((await ok(p, "GET", `/pipeline-promotions/${promotion.id}`)).status).toBe("completed");
    const [target] = await ok(p, "GET", `/pipeline-promotions/${promotion.id}/promotion-targets`);
    expect(target).toMatchObject({ status: "succeeded", app: { id: production.id } });
    expect(await lastRelease(p, "shop")).toMatch(/^Promote shop-staging v\d+$/);
    expect((await ok(p, "GET", "/apps/shop/formation/web")).quantity).toBe(1);
  });

  it("couples several apps to one stage, and promotes to all of them at once", async () => {
    // GIVEN a released staging app, two production apps and three development apps in one pipeline
    const p = await platform();
    const { staging, production, pipeline } = await shopPipeline(p);
    const second = await ok(p, "POST", "/apps", { name: "shop-eu" });
    await ok(p, "POST", "/pipeline-couplings", { app: second.id, pipeline: pipeline.id, stage: "production" });
    for (const name of ["dev-a", "dev-b", "dev-c"]) {
      const dev = await ok(p, "POST", "/apps", { name });
      await ok(p, "POST", "/pipeline-couplings", { app: dev.id, pipeline: pipeline.id, stage: "development" });
    }
    const stages = (await ok(p, "GET", `/pipelines/${pipeline.id}/pipeline-couplings`)).map((c: { stage: string }) => c.stage);
    expect(stages.filter((s: string) => s === "production")).toHaveLength(2);
    expect(stages.filter((s: string) => s === "development")).toHaveLength(3);
    // WHEN staging is promoted to both production apps
    const promotion = await ok(p, "POST", "/pipeline-promotions", {
      pipeline: { id: pipeline.id },
      source: { app: { id: staging.id } },
      targets: [{ app: { id: production.id } }, { app: { id: second.id } }],
    });
    // THEN both targets succeed, each with a release of the staging slug and the slug's formation
    const targets = await ok(p, "GET", `/pipeline-promotions/${promotion.id}/promotion-targets`);
    expect(targets.map((t: { app: { id: string }; status: string }) => [t.app.id, t.status]).sort()).toEqual([[production.id, "succeeded"], [second.id, "succeeded"]].sort());
    const stagingSlug = (await ok(p, "GET", "/apps/shop-staging/releases")).find((r: { current: boolean }) => r.current).slug.id;
    for (const app of ["shop", "shop-eu"]) {
      const current = (await ok(p, "GET", `/apps/${app}/releases`)).find((r: { current: boolean }) => r.current);
      expect(current).toMatchObject({ description: expect.stringMatching(/^Promote shop-staging v\d+$/), slug: { id: stagingSlug } });
      expect((await ok(p, "GET", `/apps/${app}/formation/web`)).quantity).toBe(1);
    }
  });

  it("fails to promote to an app outside the pipeline", async () => {
    const p = await platform();
    const { staging, pipeline } = await shopPipeline(p);
    const blog = await ok(p, "POST", "/apps", { name: "blog" });
    const res = await api(p, "POST", "/pipeline-promotions", { pipeline: { id: pipeline.id }, source: { app: { id: staging.id } }, targets: [{ app: { id: blog.id } }] });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe("blog is not in pipeline shop.");
  });

  it("sets and unsets a stage's config vars", async () => {
    const p = await platform();
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop" });
    await ok(p, "PATCH", `/pipelines/${pipeline.id}/stage/test/config-vars`, { CI: "true", OLD: "x" });
    expect(await ok(p, "PATCH", `/pipelines/${pipeline.id}/stage/test/config-vars`, { OLD: null })).toEqual({ CI: "true" });
    expect(await ok(p, "GET", `/pipelines/${pipeline.id}/stage/test/config-vars`)).toEqual({ CI: "true" });
  });
});
