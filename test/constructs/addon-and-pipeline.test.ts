import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { AddonAttachment } from "../../.gen/providers/heroku/addon-attachment";
import { PipelineCoupling } from "../../.gen/providers/heroku/pipeline-coupling";
import { Addon, AddonPlan, HerokuApp, Pipeline, PipelineStage, PostgresAddon, PostgresPlan, RedisAddon, RedisPlan } from "../../constructs";
import { herokuStack, problems, synth } from "./synth";

const addonsOf = (json: Record<string, any>) => Object.values(json.resource.heroku_addon) as any[];

describe("add-ons", () => {
  it("provisions Postgres with its plan and version, unprotected on an app that is not production", () => {
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop" });
      new PostgresAddon(s, "db", { app, plan: PostgresPlan.STANDARD_0, version: "16" });
    });
    expect(addonsOf(json)[0]).toMatchObject({ plan: "heroku-postgresql:standard-0", config: { version: "16" }, lifecycle: { prevent_destroy: false } });
  });

  it("protects only the data add-ons of a production app from destroy, unless told otherwise", () => {
    // GIVEN a production app with Postgres, Redis, a scheduler, and a Redis opted out
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop", production: true });
      new PostgresAddon(s, "db", { app });
      new RedisAddon(s, "cache", { app });
      new Addon(s, "scheduler", { app, plan: AddonPlan.of("scheduler") });
      new RedisAddon(s, "scratch", { app, preventDestroy: false, as: "SCRATCH" });
    });
    // THEN Postgres and Redis are protected, the scheduler (no data) and the opted-out Redis are not
    const protection = (id: string) => Object.entries(json.resource.heroku_addon as Record<string, any>).find(([address]) => address.startsWith(`${id}_`))![1].lifecycle.prevent_destroy;
    expect(["db", "cache", "scheduler", "scratch"].map(protection)).toEqual([true, true, false, false]);
  });

  it("provisions Redis mini by default", () => {
    const json = synth((s) => new RedisAddon(s, "cache", { app: new HerokuApp(s, "app", { name: "shop" }) }));
    expect(addonsOf(json)[0]).toMatchObject({ plan: "heroku-redis:mini", lifecycle: { prevent_destroy: false } });
  });

  it("accepts a legacy plan name with a warning naming the current plan", () => {
    // GIVEN a Postgres add-on on the retired plan name "mini"
    const stack = herokuStack();
    const addon = new PostgresAddon(stack, "db", { app: new HerokuApp(stack, "app", { name: "shop" }), plan: PostgresPlan.of("mini") });
    // WHEN it is synthesized
    Testing.synth(stack, true);
    // THEN a warning names the current plan
    const warnings = addon.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual(['"mini" is a legacy heroku-postgresql plan: Heroku now calls it "essential-0"']);
  });

  it("attaches an add-on to another app under the name given to attachTo", () => {
    const stack = herokuStack();
    const db = new Addon(stack, "db", { app: new HerokuApp(stack, "app", { name: "shop" }), plan: AddonPlan.of("heroku-postgresql") });
    db.attachTo(HerokuApp.fromAppName(stack, "admin", "shop-admin"), { as: "SHOP_DB" });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(AddonAttachment, { app_id: "shop-admin", name: "SHOP_DB" });
  });

  it.each([
    ["Postgres", (s: any, app: HerokuApp) => new PostgresAddon(s, "db", { app, as: "PRIMARY_DB" })],
    ["Redis", (s: any, app: HerokuApp) => new RedisAddon(s, "db", { app, as: "PRIMARY_DB" })],
  ])("attaches %s under its props' `as` when attachTo names none", (_, make) => {
    // GIVEN an add-on with `as`, attached to two other apps without a name
    const json = synth((s) => {
      const addon = make(s, new HerokuApp(s, "app", { name: "shop" }));
      addon.attachTo(HerokuApp.fromAppName(s, "admin", "shop-admin"));
      addon.attachTo(HerokuApp.fromAppName(s, "reports", "shop-reports"));
    });
    // THEN both attachments carry the name
    const attachments = Object.values(json.resource.heroku_addon_attachment) as any[];
    expect(attachments.map((a) => [a.app_id, a.name])).toEqual([
      ["shop-admin", "PRIMARY_DB"],
      ["shop-reports", "PRIMARY_DB"],
    ]);
  });

  it("references existing add-ons by id or name without provisioning them", () => {
    // GIVEN add-ons referenced by id and by name, one attached to an app
    const stack = herokuStack();
    const byId = Addon.fromAddonId(stack, "by-id", "01234567-89ab-cdef-0123-456789abcdef");
    const byName = Addon.fromAddonName(stack, "by-name", "postgresql-shaped-12345");
    expect([byId.addonId, byName.addonId]).toEqual(["01234567-89ab-cdef-0123-456789abcdef", "postgresql-shaped-12345"]);
    // THEN no heroku_addon is synthesized
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.resource?.heroku_addon).toBeUndefined();
  });

  it("fails on an unknown plan of a known service, with a hint", () => {
    expect(() => RedisPlan.of("premium-4")).toThrow('"premium-4" is not a heroku-redis plan');
    expect(() => PostgresPlan.of("standrd-0")).toThrow('"standrd-0" is not a heroku-postgresql plan (did you mean standard-0?)');
  });

  it("fails at synth on a Postgres version Heroku does not provision, naming the app and the add-on", () => {
    expect(problems((s) => new PostgresAddon(s, "db", { app: new HerokuApp(s, "app", { name: "shop" }), version: "9" }))).toEqual([
      'app shop: add-on test/db: version: "9" is not a Postgres version Heroku provisions (14, 15, 16, 17)',
    ]);
  });

  it("fails at synth on an attachment name that is not a config var prefix, given to the add-on or to attachTo", () => {
    expect(
      problems((s) => {
        const db = new PostgresAddon(s, "db", { app: new HerokuApp(s, "app", { name: "shop" }), as: "primary" });
        db.attachTo(HerokuApp.fromAppName(s, "admin", "shop-admin"), { as: "shop-db" });
      }),
    ).toEqual([
      'app shop: add-on test/db: as: "primary" is not an attachment name: upper case letters, digits and underscores, starting with a letter',
      'app shop: add-on test/db: attachTo[0].as: "shop-db" is not an attachment name: upper case letters, digits and underscores, starting with a letter',
    ]);
  });
});

describe("Pipeline", () => {
  it("couples apps in stages", () => {
    const stack = herokuStack();
    const pipeline = new Pipeline(stack, "pipeline", { name: "shop" });
    pipeline.addStage(PipelineStage.STAGING, new HerokuApp(stack, "staging", { name: "shop-staging" }));
    pipeline.addStage(PipelineStage.PRODUCTION, new HerokuApp(stack, "production", { name: "shop-production" }));
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(PipelineCoupling, { stage: "staging" });
    expect(json).toHaveResourceWithProperties(PipelineCoupling, { stage: "production" });
  });

  it("synthesizes several apps in one stage, as Heroku allows", () => {
    // GIVEN two production apps in two regions, and two development apps
    const json = synth((s) => {
      const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
      pipeline.addStage(PipelineStage.PRODUCTION, new HerokuApp(s, "us", { name: "shop-us" }));
      pipeline.addStage(PipelineStage.PRODUCTION, new HerokuApp(s, "eu", { name: "shop-eu" }));
      pipeline.addStage(PipelineStage.DEVELOPMENT, new HerokuApp(s, "qa1", { name: "shop-qa1" }));
      pipeline.addStage(PipelineStage.DEVELOPMENT, new HerokuApp(s, "qa2", { name: "shop-qa2" }));
      expect(pipeline.appsIn(PipelineStage.PRODUCTION).map((a) => a.appName)).toEqual(["shop-us", "shop-eu"]);
    });
    // THEN each app has its coupling, named after it
    const couplings = json.resource.heroku_pipeline_coupling as Record<string, any>;
    expect(Object.values(couplings).map((c) => c.stage).sort()).toEqual(["development", "development", "production", "production"]);
    expect(Object.keys(couplings).filter((address) => address.includes("coupling-shop-us"))).toHaveLength(1);
  });

  it("promotes to every app of the next stage by default, including apps coupled after the promotion", () => {
    // GIVEN staging promoted before the two production apps are coupled
    const json = synth((s) => {
      const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
      const staging = new HerokuApp(s, "staging", { name: "shop-staging" });
      pipeline.addStage(PipelineStage.STAGING, staging);
      pipeline.addPromotion(staging, "release-id");
      pipeline.addStage(PipelineStage.PRODUCTION, HerokuApp.fromAppName(s, "us", "shop-us"));
      pipeline.addStage(PipelineStage.PRODUCTION, HerokuApp.fromAppName(s, "eu", "shop-eu"));
    });
    // THEN the promotion targets both
    const [promotion] = Object.values(json.resource.heroku_pipeline_promotion) as any[];
    expect(promotion).toMatchObject({ targets: ["shop-us", "shop-eu"], release_id: "release-id" });
  });

  it("promotes from one app to the apps it names", () => {
    const json = synth((s) => {
      const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
      const staging = new HerokuApp(s, "staging", { name: "shop-staging" });
      pipeline.addPromotion(staging, "release-id", [HerokuApp.fromAppName(s, "prod", "shop-production")]);
    });
    const [promotion] = Object.values(json.resource.heroku_pipeline_promotion) as any[];
    expect(promotion).toMatchObject({ targets: ["shop-production"], release_id: "release-id" });
  });

  it("fails at synth on a promotion with no target, naming the app", () => {
    expect(
      problems((s) => {
        const pipeline = new Pipeline(s, "pipeline", { name: "shop" });
        const production = new HerokuApp(s, "production", { name: "shop-production" });
        pipeline.addStage(PipelineStage.PRODUCTION, production);
        pipeline.addPromotion(production, "release-id");
      }),
    ).toEqual(["app shop-production: its promotion has no target: couple apps in the next stage of pipeline shop or name the targets"]);
  });

  it("fails on one app coupled twice", () => {
    const stack = herokuStack();
    const pipeline = new Pipeline(stack, "pipeline", { name: "shop" });
    const app = new HerokuApp(stack, "a", { name: "shop-a" });
    pipeline.addStage(PipelineStage.STAGING, app);
    expect(() => pipeline.addStage(PipelineStage.PRODUCTION, app)).toThrow("app shop-a is already coupled to pipeline shop (stage staging)");
  });
});
