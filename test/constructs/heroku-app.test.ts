import { Testing } from "cdktf";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { App as AppResource } from "../../.gen/providers/heroku/app";
import { Formation as FormationResource } from "../../.gen/providers/heroku/formation";
import { AppSource, DynoSize, HerokuApp, HerokuStack, Region, secretVariableName } from "../../constructs";
import { herokuStack, problems, sourceDir, synth } from "./synth";

const NAME_RULE = "3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash";

describe("HerokuApp", () => {
  it("synthesizes heroku_app with the stated defaults", () => {
    // GIVEN an app with only a name
    // WHEN it is synthesized
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop-staging" }));
    // THEN region us, stack heroku-24, no ACM, personal
    const [app] = Object.values(json.resource.heroku_app) as any[];
    expect(app).toMatchObject({ name: "shop-staging", region: "us", stack: "heroku-24", acm: false });
    expect(app.organization).toBeUndefined();
  });

  it("sets region, stack, team, buildpacks and config vars, including ones added later", () => {
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", {
        name: "shop-eu",
        region: Region.EU,
        stack: HerokuStack.HEROKU_22,
        team: "acme",
        buildpacks: ["heroku/python"],
        configVars: { A: "1" },
      });
      app.addConfigVar("B", "2");
    });
    const [app] = Object.values(json.resource.heroku_app) as any[];
    expect(app).toMatchObject({
      region: "eu",
      stack: "heroku-22",
      organization: { name: "acme" },
      buildpacks: ["heroku/python"],
      config_vars: { A: "1", B: "2" },
    });
  });

  it("builds the source before scaling, so the first apply has a release declaring the process types", () => {
    // GIVEN an app with a source directory and a web process
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop-staging", source: AppSource.fromDirectory(sourceDir()) });
      app.addProcess("web", { size: DynoSize.BASIC, quantity: 1 });
    });
    // THEN there is a build, and the formation depends on it
    expect(Object.keys(json.resource.heroku_build)).toHaveLength(1);
    const [formation] = Object.values(json.resource.heroku_formation) as any[];
    expect(formation).toMatchObject({ type: "web", size: "basic", quantity: 1 });
    expect(formation.depends_on[0]).toMatch(/^heroku_build\./);
  });

  it("turns a secret into a sensitive variable set in sensitive_config_vars, never a value", () => {
    // GIVEN an app of environment staging with a secret
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop-staging", environment: "staging" }).addSecret("SECRET_KEY"));
    // THEN the variable is sensitive and named for TF_VAR_staging_secret_key, and the app refers to it
    expect(json.variable.staging_secret_key).toMatchObject({ type: "string", sensitive: true });
    const [app] = Object.values(json.resource.heroku_app) as any[];
    expect(app.sensitive_config_vars).toEqual({ SECRET_KEY: "${var.staging_secret_key}" });
    expect(app.config_vars).toEqual({});
    expect(secretVariableName("pr-42", "API_TOKEN")).toBe("pr_42_api_token");
  });

  it("outputs the DNS target of a custom domain", () => {
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop-production" }).addDomain("www.shop.example.com"));
    const outputs = Object.values(json.output) as any[];
    expect(outputs.some((o) => /heroku_domain\..*\.cname/.test(o.value))).toBe(true);
  });

  it("references existing apps by name or id without creating them", () => {
    const stack = herokuStack();
    const byName = HerokuApp.fromAppName(stack, "existing", "legacy-app");
    const byId = HerokuApp.fromAppId(stack, "by-id", "01234567-89ab-cdef-0123-456789abcdef");
    expect(byName.appId).toBe("legacy-app");
    expect(byId.appId).toBe("01234567-89ab-cdef-0123-456789abcdef");
    expect(Testing.synth(stack, true)).not.toHaveResource(AppResource);
  });

  it("exposes the L1 resources as escape hatches", () => {
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop-staging" });
      app.resource.addOverride("internal_routing", false);
      app.formation.addProcess("web").addOverride("quantity", 3);
    });
    expect((Object.values(json.resource.heroku_app)[0] as any).internal_routing).toBe(false);
    expect((Object.values(json.resource.heroku_formation)[0] as any).quantity).toBe(3);
  });

  it("enables preboot after every process type is scaled, including ones added after it", () => {
    // GIVEN an app whose web is scaled, then preboot and another feature, then a worker
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop-production", shortAddresses: true });
      app.addProcess("web", { size: DynoSize.STANDARD_2X, quantity: 2 });
      app.addFeature("preboot");
      app.addFeature("runtime-dyno-metadata");
      app.addProcess("worker", { size: DynoSize.STANDARD_1X });
    });
    // THEN preboot waits for both formations (Heroku refuses it while the first release's basic web runs)
    expect(json.resource.heroku_app_feature.feature_preboot.depends_on).toEqual(["heroku_formation.formation_web", "heroku_formation.formation_worker"]);
    // AND a feature with no dyno rule waits for nothing
    expect(json.resource.heroku_app_feature["feature_runtime-dyno-metadata"].depends_on).toBeUndefined();
  });

  it("hashes a source shared by several stacks once per app, and again in a new app", () => {
    // GIVEN one source directory built by two stacks of one app
    const dir = sourceDir();
    const buildPaths = (app: ReturnType<typeof Testing.app>) =>
      ["a", "b"].map((id) => {
        const stack = herokuStack(app, id);
        new HerokuApp(stack, "app", { name: `shop-${id}`, source: AppSource.fromDirectory(dir) });
        return (Object.values(JSON.parse(Testing.synth(stack)).resource.heroku_build)[0] as any).source.path as string;
      });
    // WHEN both are synthesized, then the source changes and a new app synthesizes it
    const [first, second] = buildPaths(Testing.app());
    writeFileSync(join(dir, "Procfile"), "web: gunicorn app:app --workers 4\n");
    const [changed] = buildPaths(Testing.app());
    // THEN the stacks of one app share the content hash, and a new app sees the new content
    expect(first.split("/").pop()).toBe(second.split("/").pop());
    expect(changed.split("/").pop()).not.toBe(first.split("/").pop());
  });

  it("fails at synth on a name Heroku refuses", () => {
    // GIVEN an app named in upper case
    // WHEN synthesized THEN the app's rule names the bad value
    expect(problems((s) => new HerokuApp(s, "app", { name: "Shop" }))).toEqual([`app Shop: app.name: "Shop" is not a Heroku app name: ${NAME_RULE}`]);
  });

  it("fails at synth on a config var key Heroku refuses", () => {
    expect(problems((s) => new HerokuApp(s, "app", { name: "shop", configVars: { "1X": "a" } }))).toEqual([
      'app shop: config.1X: "1X" is not a config var key: letters, digits and underscores, not starting with a digit',
    ]);
  });

  it("fails at synth when a key is both plain and secret, whichever was added first", () => {
    expect(problems((s) => new HerokuApp(s, "app", { name: "shop", configVars: { TOKEN: "a" } }).addSecret("TOKEN"))).toEqual([
      'app shop: secrets[0]: "TOKEN" is also a plain config var: a key is either in config or in secrets',
    ]);
    expect(
      problems((s) => {
        const app = new HerokuApp(s, "app", { name: "shop" });
        app.addSecret("TOKEN");
        app.addConfigVar("TOKEN", "a");
      }),
    ).toEqual(['app shop: secrets[0]: "TOKEN" is also a plain config var: a key is either in config or in secrets']);
  });

  it("reports a secret, a feature or a domain added twice instead of failing on a construct id", () => {
    // GIVEN each added twice (the domain in another case)
    const found = problems((s) => {
      const app = new HerokuApp(s, "app", { name: "shop" });
      const first = app.addSecret("API_TOKEN");
      expect(app.addSecret("API_TOKEN")).toBe(first);
      app.addFeature("runtime-dyno-metadata");
      app.addFeature("runtime-dyno-metadata");
      app.addDomain("www.example.com");
      app.addDomain("WWW.example.com");
    });
    // THEN each repeat is one line at synth
    expect(found).toEqual([
      'app shop: app.features[1]: "runtime-dyno-metadata" is listed twice',
      'app shop: secrets[1]: "API_TOKEN" is listed twice',
      'app shop: domains[1]: "WWW.example.com" is listed twice',
    ]);
  });

  it("fails on an https-less source URL", () => {
    expect(() => AppSource.fromUrl("http://example.com/app.tgz")).toThrow("is not an https URL");
  });
});

describe("Formation", () => {
  const build = (...processes: Array<[string, DynoSize, number]>) => (s: ReturnType<typeof herokuStack>) => {
    const app = new HerokuApp(s, "app", { name: "shop" });
    for (const [type, size, quantity] of processes) app.addProcess(type, { size, quantity });
  };

  it("scales each process type with its size and quantity", () => {
    const json = synth(build(["web", DynoSize.STANDARD_2X, 2], ["worker", DynoSize.STANDARD_1X, 1]));
    const formations = Object.values(json.resource.heroku_formation) as any[];
    expect(formations.map((f) => [f.type, f.size, f.quantity])).toEqual([
      ["web", "standard-2x", 2],
      ["worker", "standard-1x", 1],
    ]);
  });

  it("fails at synth on more than one eco dyno per process type", () => {
    expect(problems(build(["web", DynoSize.ECO, 2]))).toEqual(["app shop: formation.web.quantity: 2 is too many eco dynos: eco runs at most 1 dyno per process type"]);
  });

  it("fails at synth when eco is mixed with another tier", () => {
    expect(problems(build(["web", DynoSize.ECO, 1], ["worker", DynoSize.STANDARD_1X, 1]))).toEqual([
      'app shop: formation.worker.size: "standard-1x" cannot run next to eco dynos (formation.web): an app with eco or basic dynos uses that tier for every process type',
    ]);
  });

  it("fails at synth on a negative or fractional quantity", () => {
    expect(problems(build(["web", DynoSize.STANDARD_1X, -1], ["worker", DynoSize.STANDARD_1X, 1.5]))).toEqual([
      "app shop: formation.web.quantity: -1 is not a number of dynos: it cannot be negative",
      "app shop: formation.worker.quantity: expected a whole number, got 1.5",
    ]);
  });

  it("fails on a size Heroku does not offer, with a hint", () => {
    expect(() => DynoSize.of("standard-3x")).toThrow('"standard-3x" is not a dyno size (did you mean standard-2x?)');
  });

  it("fails on a process type added twice, naming it", () => {
    const app = new HerokuApp(herokuStack(), "app", { name: "shop" });
    app.addProcess("web", {});
    expect(() => app.addProcess("web", {})).toThrow('process type "web" is already in the formation of shop');
  });

  it("has the formation L1 resource, standard-1x and one dyno by default", () => {
    const stack = herokuStack();
    new HerokuApp(stack, "app", { name: "shop" }).addProcess("web", {});
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(FormationResource, { type: "web", size: "standard-1x", quantity: 1 });
  });
});
