/**
 * Bugs users reported, each reproduced with constructs: every one fails at
 * synth (not at construction), naming the app, all at once, in a
 * ValidationError with no stack trace.
 */
import { App, Testing } from "cdktf";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppSource, DynoSize, HerokuApp, PostgresAddon, Region } from "../../constructs";
import { herokuStack, problems, problemsOf, sourceDir, synth } from "./synth";

describe("reported bugs, failing at synth with the app named", () => {
  it("eco dynos with ACM and a custom domain", () => {
    expect(
      problems((s) => {
        const app = new HerokuApp(s, "app", { name: "shop", acm: true });
        app.addProcess("web", { size: DynoSize.ECO });
        app.addDomain("www.example.com");
      }),
    ).toEqual(['app shop: app.acm: ACM is not available on eco dynos (formation.web.size is "eco")']);
  });

  it("ACM on a wildcard domain", () => {
    expect(problems((s) => new HerokuApp(s, "app", { name: "shop", acm: true }).addDomain("*.example.com"))).toEqual([
      'app shop: domains[0]: "*.example.com" is a wildcard domain: ACM issues no certificates for wildcard domains',
    ]);
  });

  it("preboot on basic dynos", () => {
    expect(
      problems((s) => {
        const app = new HerokuApp(s, "app", { name: "shop" });
        app.addFeature("preboot");
        app.addProcess("web", { size: DynoSize.BASIC });
      }),
    ).toEqual(['app shop: app.features[0]: "preboot" needs standard or performance dynos (formation.web.size is "basic")']);
  });

  it("an unknown feature, with a did-you-mean", () => {
    expect(problems((s) => new HerokuApp(s, "app", { name: "shop" }).addFeature("prebot"))).toEqual([
      'app shop: app.features[0]: "prebot" is not an app feature (did you mean preboot?)',
    ]);
  });

  it("the same hostname on two apps, in any case", () => {
    expect(
      problems((s) => {
        new HerokuApp(s, "a", { name: "shop-a" }).addDomain("www.example.com");
        new HerokuApp(s, "b", { name: "shop-b" }).addDomain("www.example.com");
        new HerokuApp(s, "c", { name: "shop-c" }).addDomain("WWW.example.com");
      }),
    ).toEqual([
      'app shop-b: domains[0]: "www.example.com" is already a domain of test/a',
      'app shop-c: domains[0]: "WWW.example.com" is already a domain of test/a',
    ]);
  });

  it("two apps with one name", () => {
    expect(
      problems((s) => {
        new HerokuApp(s, "a", { name: "shop" });
        new HerokuApp(s, "b", { name: "shop" });
      }),
    ).toEqual(['app shop: app.name: "shop" is already the app of test/a']);
  });

  it("a plain DATABASE_URL next to a Postgres add-on", () => {
    expect(
      problems((s) => {
        const app = new HerokuApp(s, "app", { name: "shop", configVars: { DATABASE_URL: "postgres://localhost/shop" } });
        new PostgresAddon(s, "db", { app });
      }),
    ).toEqual(['app shop: config.DATABASE_URL: "DATABASE_URL" is set by the heroku-postgresql add-on (addons[0]): remove it from config']);
  });

  it("scaling a process type the Procfile does not declare, with a hint", () => {
    // GIVEN a source whose Procfile declares web and worker
    const dir = sourceDir("web: gunicorn app:app\nworker: celery -A app worker\n");
    const found = problems((s) => {
      const app = new HerokuApp(s, "app", { name: "shop", source: AppSource.fromDirectory(dir) });
      app.addProcess("web", {});
      app.addProcess("wroker", {});
    });
    // THEN the misspelt type is named, with the Procfile it is missing from
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^app shop: formation\.wroker: "wroker" is not a process type of .*Procfile \(did you mean worker\?\): Heroku cannot scale it$/);
  });

  it("scaling the release phase", () => {
    expect(problems((s) => new HerokuApp(s, "app", { name: "shop" }).addProcess("release", {}))).toEqual([
      'app shop: formation.release: "release" is the release phase: Heroku runs it once per deploy and never scales it',
    ]);
  });

  it("two apps of one environment name with the same secret: one Terraform variable would feed both", () => {
    expect(
      problems((s) => {
        new HerokuApp(s, "a", { name: "shop-a", environment: "production" }).addSecret("SECRET_KEY");
        new HerokuApp(s, "b", { name: "shop-b", environment: "production" }).addSecret("SECRET_KEY");
      }),
    ).toEqual([
      'app shop-b: secret "SECRET_KEY" would share the variable production_secret_key with app shop-a: give the apps different environment names',
    ]);
  });

  it("a size passed from JavaScript that is not a DynoSize is reported, not dropped", () => {
    expect(problems((s) => new HerokuApp(s, "app", { name: "shop" }).addProcess("web", { size: "huge" as any }))).toEqual([
      'app shop: formation.web.size: "huge" is not a dyno size',
    ]);
  });

  it("every problem of several apps across two stacks arrives in one ValidationError", () => {
    // GIVEN two stacks of one app, each with apps that break rules
    const app = Testing.app();
    const first = herokuStack(app, "first");
    const second = herokuStack(app, "second");
    new HerokuApp(first, "a", { name: "Shop" });
    new HerokuApp(second, "b", { name: "shop-b" }).addFeature("prebot");
    new HerokuApp(second, "c", { name: "shop-c" }).addProcess("release", {});
    const expected = [
      'app Shop: app.name: "Shop" is not a Heroku app name: 3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash',
      'app shop-b: app.features[0]: "prebot" is not an app feature (did you mean preboot?)',
      'app shop-c: formation.release: "release" is the release phase: Heroku runs it once per deploy and never scales it',
    ];
    // WHEN either stack is synthesized THEN every line of both comes at once
    expect(problemsOf(second)).toEqual(expected);
    expect(problemsOf(first)).toEqual(expected);
  });
});

describe("reported bugs in names", () => {
  it("DynoSize.of names the size as it was typed", () => {
    expect(() => DynoSize.of("2X")).toThrow(/^"2X" is not a dyno size/);
    expect(DynoSize.of("Standard-2X").name).toBe("standard-2x");
  });

  it("Region.of refuses an unknown region, with a did-you-mean when one is close", () => {
    expect(() => Region.of("mars")).toThrow(/^"mars" is not a Common Runtime region$/);
    expect(() => Region.of("ue")).toThrow('"ue" is not a Common Runtime region (did you mean us?)');
    expect(Region.of("EU").name).toBe("eu");
  });

  it("hostnames are case-insensitive and written in lower case", () => {
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop", shortAddresses: true }).addDomain("WWW.Example.com"));
    expect(json.resource.heroku_domain.domain_www_example_com.hostname).toBe("www.example.com");
    expect(json.output.cname_www_example_com.description).toBe("DNS target for WWW.Example.com");
  });
});

describe("log drains and webhooks", () => {
  it("synthesizes a drain, its URL sensitive when asked, and a webhook at level notify by default", () => {
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop" });
      app.addLogDrain("papertrail", "syslog+tls://logs.example.com:514");
      app.addLogDrain("datadog", "https://http-intake.logs.example.com/v1/input/KEY", { sensitive: true });
      app.addWebhook("releases", { url: "https://hooks.example.com/heroku", include: ["api:release"] });
      app.addWebhook("scaling", { url: "https://hooks.example.com/heroku", include: ["api:formation"], level: "sync" });
    });
    const drains = Object.values(json.resource.heroku_drain) as any[];
    expect(drains).toHaveLength(2);
    expect(drains).toContainEqual(expect.objectContaining({ url: "syslog+tls://logs.example.com:514" }));
    expect(drains).toContainEqual(expect.objectContaining({ sensitive_url: "https://http-intake.logs.example.com/v1/input/KEY" }));
    expect(drains.filter((d) => d.url === undefined)).toHaveLength(1);
    const hooks = Object.values(json.resource.heroku_app_webhook) as any[];
    expect(hooks.map((h) => [h.url, h.include, h.level]).sort()).toEqual([
      ["https://hooks.example.com/heroku", ["api:formation"], "sync"],
      ["https://hooks.example.com/heroku", ["api:release"], "notify"],
    ]);
  });
});

describe("a web process the Procfile declares but the formation does not scale", () => {
  /** Synthesizes for real (Testing.synth strips `//` metadata) and returns the heroku_app and the warnings. */
  function synthForReal(scale: (app: HerokuApp) => void) {
    const outdir = mkdtempSync(join(tmpdir(), "dynoform-out-"));
    const root = new App({ outdir });
    const stack = herokuStack(root, "shop");
    const app = new HerokuApp(stack, "app", { name: "shop", shortAddresses: true, source: AppSource.fromDirectory(sourceDir("web: gunicorn app:app\nworker: celery worker\n")) });
    scale(app);
    root.synth();
    const json = JSON.parse(readFileSync(join(outdir, "stacks", "shop", "cdk.tf.json"), "utf8"));
    const warnings = app.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
    return { herokuApp: json.resource.heroku_app.app, warnings };
  }

  it("warns at synth and records the web dyno Heroku will start in the app's metadata", () => {
    // GIVEN a Procfile with web and worker, and only worker scaled
    const { herokuApp, warnings } = synthForReal((app) => app.addProcess("worker", {}));
    // THEN one warning names the app, and the review finds the implicit web dyno
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^app shop: .*Procfile declares web but the formation does not scale it: Heroku starts one web dyno on the first release/);
    expect(herokuApp["//"].dynoform).toEqual({ environment: "shop", implicitProcesses: [{ type: "web", size: "basic", quantity: 1 }] });
  });

  it("is silent when web is scaled to 0", () => {
    const { herokuApp, warnings } = synthForReal((app) => {
      app.addProcess("worker", {});
      app.addProcess("web", { quantity: 0 });
    });
    expect(warnings).toEqual([]);
    expect(herokuApp["//"].dynoform).toEqual({ environment: "shop" });
  });
});
