import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEstate } from "./estate-harness";

/**
 * The example estate applied by real terraform, through the local provider,
 * to the embedded platform on loopback; then changed the ways a team changes it.
 * The tests run in order: each starts from what the previous one left.
 */
const estate = new LocalEstate();
const STACKS = ["staging", "production", "pipeline-flask-demo"];

beforeAll(() => estate.start());
afterAll(() => estate.close());

describe("the example estate on the embedded platform", () => {
  it("applies every stack, and a second plan has nothing to do", async () => {
    // WHEN each stack is applied in dependency order
    for (const stack of STACKS) {
      const applied = await estate.apply(stack);
      expect(applied.code, applied.output).toBe(0);
    }
    // THEN the platform has both apps, built, scaled, with their add-ons provisioned and the domain
    const production = await estate.app("flask-demo-production");
    const formation = await estate.api.get<any[]>(`/apps/${production.id}/formation`);
    expect(formation.map((f) => `${f.type}=${f.quantity}:${f.size}`).sort()).toEqual(["web=2:Standard-2X", "worker=1:Standard-1X"]);
    const addons = await estate.api.get<any[]>(`/apps/${production.id}/addons`);
    expect(addons.map((a) => `${a.plan.name}:${a.state}`).sort()).toEqual([
      "heroku-postgresql:standard-0:provisioned",
      "heroku-redis:premium-0:provisioned",
      "scheduler:standard:provisioned",
    ]);
    const vars = await estate.api.get<Record<string, string>>(`/apps/${production.id}/config-vars`);
    expect(vars).toMatchObject({ FLASK_ENV: "production", SECRET_KEY: "production-secret-value" });
    expect(vars.DATABASE_URL).toMatch(/^postgres:\/\//);
    const domains = await estate.api.get<any[]>(`/apps/${production.id}/domains`);
    expect(domains.find((d) => d.hostname === "www.flask-demo.example.com")?.cname).toMatch(/\.herokudns\.com$/);
    const couplings = await estate.api.get<any[]>(`/pipelines/flask-demo/pipeline-couplings`);
    expect(couplings.map((c) => c.stage).sort()).toEqual(["production", "staging"]);
    // AND a second plan of every stack finds no change
    for (const stack of STACKS) {
      const again = await estate.plan(stack);
      expect(again.code, again.output).toBe(0);
    }
    // AND the add-on credentials stay out of state (customizations), the secret only as a sensitive value
    const state = JSON.stringify(estate.state("production"));
    expect(state).not.toContain(vars.DATABASE_URL);
  });

  it("updates a config var in place", async () => {
    estate.edit("staging", (json) => (json.resource.heroku_app.app.config_vars.LOG_LEVEL = "warning"));
    const plan = await estate.plan("staging");
    expect(plan.output).toMatch(/heroku_app\.app will be updated in-place/);
    expect(plan.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    expect((await estate.apply("staging")).code).toBe(0);
    const app = await estate.app("flask-demo-staging");
    expect((await estate.api.get<Record<string, string>>(`/apps/${app.id}/config-vars`)).LOG_LEVEL).toBe("warning");
  });

  it("scales a formation in place", async () => {
    estate.edit("production", (json) => (json.resource.heroku_formation.formation_web.quantity = 4));
    expect((await estate.plan("production")).output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    expect((await estate.apply("production")).code).toBe(0);
    const app = await estate.app("flask-demo-production");
    expect((await estate.api.get<any>(`/apps/${app.id}/formation/web`)).quantity).toBe(4);
  });

  it("changes an add-on plan in place, keeping its data", async () => {
    const app = await estate.app("flask-demo-staging");
    const before = (await estate.api.get<any[]>(`/apps/${app.id}/addons`)).find((a) => a.addon_service.name === "heroku-redis");
    estate.edit("staging", (json) => (json.resource.heroku_addon.redis.plan = "heroku-redis:premium-0"));
    expect((await estate.plan("staging")).output).toMatch(/heroku_addon\.redis will be updated in-place/);
    expect((await estate.apply("staging")).code).toBe(0);
    const after = await estate.api.get<any>(`/addons/${before.id}`);
    expect(after.plan.name).toBe("heroku-redis:premium-0");
  });

  it("adds a domain with its DNS target, then removes it", async () => {
    estate.edit("staging", (json) => {
      json.resource.heroku_domain = { qa: { app_id: "${heroku_app.app.id}", hostname: "qa.flask-demo.example.com" } };
      json.output.qa_cname = { value: "${heroku_domain.qa.cname}" };
    });
    const added = await estate.apply("staging");
    expect(added.output).toMatch(/qa_cname = "[a-z]+-[a-z]+-[0-9a-f]+\.herokudns\.com"/);
    estate.edit("staging", (json) => {
      delete json.resource.heroku_domain;
      delete json.output.qa_cname;
    });
    expect((await estate.apply("staging")).output).toMatch(/Resources: 0 added, 0 changed, 1 destroyed/);
    const app = await estate.app("flask-demo-staging");
    expect((await estate.api.get<any[]>(`/apps/${app.id}/domains`)).map((d) => d.hostname)).toEqual(["flask-demo-staging.herokuapp.com"]);
  });

  it("promotes staging's release to production", async () => {
    // GIVEN a promotion of staging's current release, read with the heroku_app data source
    estate.edit("pipeline-flask-demo", (json) => {
      json.data.heroku_app = { staging: { name: "flask-demo-staging" }, production: { name: "flask-demo-production" } };
      json.resource.heroku_pipeline_promotion = {
        promote: {
          pipeline: "${heroku_pipeline.pipeline_ECD41627.id}",
          source_app_id: "${data.heroku_app.staging.id}",
          release_id: "${data.heroku_app.staging.last_release_id}",
          targets: ["${data.heroku_app.production.id}"],
        },
      };
    });
    // WHEN applied
    const applied = await estate.apply("pipeline-flask-demo");
    expect(applied.code, applied.output).toBe(0);
    // THEN production runs staging's slug in a new release
    const staging = await estate.app("flask-demo-staging");
    const production = await estate.app("flask-demo-production");
    const [stagingRelease] = await estate.api.page<any>(`/apps/${staging.id}/releases`, "version ..; max=1,order=desc");
    const [productionRelease] = await estate.api.page<any>(`/apps/${production.id}/releases`, "version ..; max=1,order=desc");
    expect(productionRelease.description).toBe(`Promote flask-demo-staging v${stagingRelease.version}`);
    expect(productionRelease.slug.id).toBe(stagingRelease.slug.id);
  });

  it("replaces the app and what hangs on it when the region changes", async () => {
    const before = await estate.app("flask-demo-staging");
    estate.edit("staging", (json) => (json.resource.heroku_app.app.region = "eu"));
    const plan = await estate.plan("staging");
    expect(plan.output).toMatch(/heroku_app\.app must be replaced/);
    expect(plan.output).toMatch(/# forces replacement/);
    const applied = await estate.apply("staging");
    expect(applied.code, applied.output).toBe(0);
    const after = await estate.app("flask-demo-staging");
    expect(after.region.name).toBe("eu");
    expect(after.id).not.toBe(before.id);
    expect((await estate.api.get<any[]>(`/apps/${after.id}/addons`)).every((a) => a.state === "provisioned")).toBe(true);
  });

  it("destroys everything, leaving the platform empty", async () => {
    for (const stack of [...STACKS].reverse()) {
      if (stack === "production") {
        // Production data add-ons are protected by prevent_destroy: lift it, as a deliberate code change would.
        estate.edit(stack, (json) => {
          for (const addon of Object.values(json.resource.heroku_addon) as any[]) addon.lifecycle.prevent_destroy = false;
        });
      }
      const destroyed = await estate.terraform(stack, ["destroy", "-auto-approve", "-input=false"]);
      expect(destroyed.code, destroyed.output).toBe(0);
    }
    expect(await estate.api.list("/apps")).toEqual([]);
    expect(await estate.api.list("/addons")).toEqual([]);
    expect(await estate.api.list("/pipelines")).toEqual([]);
  });
});
