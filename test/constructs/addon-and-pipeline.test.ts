import { Testing, TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { AddonAttachment } from "../../.gen/providers/heroku/addon-attachment";
import { PipelineCoupling } from "../../.gen/providers/heroku/pipeline-coupling";
import { Addon, AddonPlan, HerokuApp, Pipeline, PostgresAddon, PostgresPlan, RedisAddon, RedisPlan } from "../../constructs";

function synth(build: (stack: TerraformStack) => void): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("add-ons", () => {
  it("provisions Postgres with its plan and version, protected from destroy by default", () => {
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop" });
      new PostgresAddon(s, "db", { app, plan: PostgresPlan.STANDARD_0, version: "16" });
    });
    const [addon] = Object.values(json.resource.heroku_addon) as any[];
    expect(addon).toMatchObject({ plan: "heroku-postgresql:standard-0", config: { version: "16" }, lifecycle: { prevent_destroy: true } });
  });

  it("provisions Redis mini by default, and lets a non-production environment opt out of protection", () => {
    const json = synth((s) => new RedisAddon(s, "cache", { app: new HerokuApp(s, "app", { name: "shop" }), preventDestroy: false }));
    const [addon] = Object.values(json.resource.heroku_addon) as any[];
    expect(addon).toMatchObject({ plan: "heroku-redis:mini", lifecycle: { prevent_destroy: false } });
  });

  it("accepts a legacy plan name with a warning naming the current plan", () => {
    // GIVEN a Postgres add-on on the retired plan name "mini"
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const addon = new PostgresAddon(stack, "db", { app: new HerokuApp(stack, "app", { name: "shop" }), plan: PostgresPlan.of("mini") });
    // WHEN it is synthesized
    Testing.synth(stack);
    // THEN a warning names the current plan
    const warnings = addon.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual(['"mini" is a legacy heroku-postgresql plan: Heroku now calls it "essential-0"']);
  });

  it("attaches an add-on to another app under a name", () => {
    const stack = Testing.synthScope((s) => {
      const db = new Addon(s, "db", { app: new HerokuApp(s, "app", { name: "shop" }), plan: AddonPlan.of("heroku-postgresql") });
      db.attachTo(HerokuApp.fromAppName(s, "admin", "shop-admin"), { as: "SHOP_DB" });
    });
    expect(stack).toHaveResourceWithProperties(AddonAttachment, { app_id: "shop-admin", name: "SHOP_DB" });
  });

  it("fails on an unknown plan of a known service, with a hint", () => {
    expect(() => RedisPlan.of("premium-4")).toThrow('"premium-4" is not a heroku-redis plan');
    expect(() => PostgresPlan.of("standrd-0")).toThrow('"standrd-0" is not a heroku-postgresql plan (did you mean standard-0?)');
  });

  it("fails on a Postgres version Heroku does not provision", () => {
    expect(() => synth((s) => new PostgresAddon(s, "db", { app: new HerokuApp(s, "app", { name: "shop" }), version: "9" }))).toThrow(
      'Postgres version "9" is not one Heroku provisions',
    );
  });

  it("fails on an attachment name that is not a config var prefix", () => {
    expect(() =>
      synth((s) => {
        const db = new PostgresAddon(s, "db", { app: new HerokuApp(s, "app", { name: "shop" }) });
        db.attachTo(HerokuApp.fromAppName(s, "admin", "shop-admin"), { as: "shop-db" });
      }),
    ).toThrow('attachment name "shop-db" is not valid');
  });
});

describe("Pipeline", () => {
  it("couples apps in stages", () => {
    const stack = Testing.synthScope((s) => {
      const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
      pipeline.addStage(PipelineStage.STAGING, new HerokuApp(s, "staging", { name: "shop-staging" }));
      pipeline.addStage(PipelineStage.PRODUCTION, new HerokuApp(s, "production", { name: "shop-production" }));
    });
    expect(stack).toHaveResourceWithProperties(PipelineCoupling, { stage: "staging" });
    expect(stack).toHaveResourceWithProperties(PipelineCoupling, { stage: "production" });
  });

  it("promotes from one app to others", () => {
    const json = synth((s) => {
      const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
      const staging = new HerokuApp(s, "staging", { name: "shop-staging" });
      pipeline.addPromotion(staging, "release-id", [HerokuApp.fromAppName(s, "prod", "shop-production")]);
    });
    const [promotion] = Object.values(json.resource.heroku_pipeline_promotion) as any[];
    expect(promotion).toMatchObject({ targets: ["shop-production"], release_id: "release-id" });
  });

  it("fails on two apps in one stage", () => {
    expect(() =>
      synth((s) => {
        const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
        pipeline.addStage(PipelineStage.STAGING, new HerokuApp(s, "a", { name: "shop-a" }));
        pipeline.addStage(PipelineStage.STAGING, new HerokuApp(s, "b", { name: "shop-b" }));
      }),
    ).toThrow("stage staging of pipeline shop already has shop-a; shop-b cannot join it");
  });

  it("fails on one app coupled twice", () => {
    expect(() =>
      synth((s) => {
        const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
        const app = new HerokuApp(s, "a", { name: "shop-a" });
        pipeline.addStage(PipelineStage.STAGING, app);
        pipeline.addStage(PipelineStage.PRODUCTION, app);
      }),
    ).toThrow("app shop-a is already coupled to pipeline shop");
  });
});
