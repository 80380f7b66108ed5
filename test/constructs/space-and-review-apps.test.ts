/** Private Spaces, apps in them, and a pipeline's review apps, synthesized and judged (no embedded platform here). */
import { describe, expect, it } from "vitest";
import { HerokuApp, Pipeline, Region, Space, SpaceGeneration } from "../../constructs";
import { herokuStack, problems, synth } from "./synth";

describe("Space", () => {
  it("synthesizes heroku_space with the stated defaults: cedar, no shield", () => {
    const json = synth((s) => new Space(s, "space", { name: "acme-private", team: "acme", region: "virginia" }));
    expect(Object.values(json.resource.heroku_space)).toEqual([
      { name: "acme-private", organization: "acme", region: "virginia", generation: "cedar", shield: false },
    ]);
  });

  it("puts an app in the space: it names the space by reference, so it waits for it, and runs in its region", () => {
    // GIVEN a space and a team app in it
    const json = synth((s) => {
      const space = new Space(s, "space", { name: "acme-private", team: "acme", region: "frankfurt", cidr: "10.1.0.0/16", dataCidr: "172.20.0.0/20" });
      new HerokuApp(s, "app", { name: "shop", team: "acme", space, shortAddresses: true });
    });
    // THEN heroku_app names the space through heroku_space, in the space's region
    const address = Object.keys(json.resource.heroku_space)[0];
    expect(json.resource.heroku_app.app).toMatchObject({
      space: `\${heroku_space.${address}.name}`,
      region: "frankfurt",
      organization: { name: "acme" },
    });
  });

  it("looks a space named by a string up at plan time (data.heroku_space) for the app's region", () => {
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop", team: "acme", space: "acme-private", shortAddresses: true }));
    const [address, data] = Object.entries(json.data.heroku_space)[0] as [string, any];
    expect(data).toEqual({ name: "acme-private" });
    expect(json.resource.heroku_app.app).toMatchObject({ space: "acme-private", region: `\${data.heroku_space.${address}.region}` });
  });

  it("refuses what Heroku refuses of a space: its name, a CIDR outside RFC-1918, shield or cidr on Fir", () => {
    // GIVEN a space with every mistake
    const lines = problems((s) => {
      new Space(s, "bad", { name: "Acme--Private", team: "acme", region: "virginia", dataCidr: "8.8.0.0/16" });
      new Space(s, "fir", { name: "acme-fir", team: "acme", region: "virginia", generation: SpaceGeneration.FIR, shield: true, cidr: "10.2.0.0/16" });
      new Space(s, "cidr", { name: "acme-wide", team: "acme", region: "virginia", cidr: "10.0.0.0/8" });
    });
    // THEN each is one line naming the space and the value
    expect(lines).toEqual([
      'space Acme--Private: name: "Acme--Private" is not a space name: lowercase letters, digits and single dashes, a letter or digit at each end',
      'space Acme--Private: dataCidr: "8.8.0.0/16" is not a data CIDR: an RFC-1918 block from a /16 to a /20',
      "space acme-fir: cidr: a Fir space takes no cidr: only the cedar generation has one",
      "space acme-fir: shield: shield spaces are not supported for the fir generation",
      'space acme-wide: cidr: "10.0.0.0/8" is not a space CIDR: a /16 in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    ]);
  });

  it("refuses a generation Heroku does not have when it is named", () => {
    expect(() => SpaceGeneration.of("cedr")).toThrow('"cedr" is not a space generation (did you mean cedar?)');
  });

  it("refuses an app in a space without a team, and a region next to a space", () => {
    const lines = problems((s) => {
      const space = new Space(s, "space", { name: "acme-private", team: "acme", region: "virginia" });
      new HerokuApp(s, "personal", { name: "shop-personal", space });
      new HerokuApp(s, "regional", { name: "shop-regional", team: "acme", space, region: Region.US });
    });
    expect(lines).toEqual([
      'app shop-personal: app.space: an app in space "acme-private" belongs to a team: give app.team',
      `app shop-regional: app.region: "us" is not for an app in space "acme-private": it runs in its space's region; leave region out`,
    ]);
  });
});

describe("Pipeline.addReviewApps", () => {
  it("configures review apps with the stated defaults: the us region, nothing automatic, nothing destroyed", () => {
    const json = synth((s) => new Pipeline(s, "pipeline", { name: "shop" }).addReviewApps({ repo: "acme/shop" }));
    const [address] = Object.keys(json.resource.heroku_pipeline);
    expect(Object.values(json.resource.heroku_review_app_config)).toEqual([
      {
        pipeline_id: `\${heroku_pipeline.${address}.id}`,
        org_repo: "acme/shop",
        deploy_target: { id: "us", type: "region" },
        automatic_review_apps: false,
        wait_for_ci: false,
        destroy_stale_apps: false,
      },
    ]);
  });

  it("deploys review apps to a space by its id, and writes every setting", () => {
    // GIVEN review apps in a space, automatic after CI, destroyed after a week, with a base name
    const json = synth((s) => {
      const space = new Space(s, "space", { name: "acme-private", team: "acme", region: "virginia" });
      new Pipeline(s, "pipeline", { name: "shop" }).addReviewApps({
        repo: "acme/shop",
        deployTo: space,
        automatic: true,
        waitForCi: true,
        destroyStaleApps: true,
        staleDays: 7,
        baseName: "shop-pr",
      });
    });
    // THEN the deploy target is the space's id
    const [space] = Object.keys(json.resource.heroku_space);
    expect(Object.values(json.resource.heroku_review_app_config)[0]).toMatchObject({
      deploy_target: { id: `\${heroku_space.${space}.id}`, type: "space" },
      automatic_review_apps: true,
      wait_for_ci: true,
      destroy_stale_apps: true,
      stale_days: 7,
      base_name: "shop-pr",
    });
  });

  it("refuses a second configuration of one pipeline at once", () => {
    const pipeline = new Pipeline(herokuStack(), "pipeline", { name: "shop" });
    pipeline.addReviewApps({ repo: "acme/shop" });
    expect(() => pipeline.addReviewApps({ repo: "acme/other" })).toThrow(
      "pipeline shop: its review apps are configured already: a pipeline has one review app configuration",
    );
  });

  it("refuses stale days out of 1..30 and a fraction at synth, naming the pipeline", () => {
    expect(problems((s) => new Pipeline(s, "pipeline", { name: "shop" }).addReviewApps({ repo: "acme/shop", destroyStaleApps: true, staleDays: 0.5 }))).toEqual([
      "pipeline shop: pipeline.reviewApps.staleDays: 0.5 is not a number of days Heroku waits before destroying a stale review app: 1 to 30",
    ]);
  });
});
