import { describe, expect, it } from "vitest";
import { herokuCliOnPlatform } from "./heroku-cli-harness";
import { ok, releasedApp } from "./platform-harness";

/**
 * The official heroku CLI (test/heroku-cli, pinned, installed by the global setup when missing)
 * against the embedded platform, asserting on what it prints.
 */
const cli = herokuCliOnPlatform();
const heroku = cli.heroku;

describe("the official heroku CLI against the embedded platform", () => {
  it("auth:whoami names the platform's account", async () => {
    expect((await heroku("auth:whoami")).trim()).toBe("developer@dynoform.local");
  });

  it("regions lists the Common Runtime regions", async () => {
    const out = await heroku("regions");
    expect(out).toMatch(/eu\s+Europe\s+Common Runtime/);
    expect(out).toMatch(/us\s+United States\s+Common Runtime/);
  });

  it("apps:create, apps and apps:destroy round-trip an app", async () => {
    // GIVEN an app created by hand with the CLI
    expect(await heroku("apps:create", "shop-qa", "--region", "eu")).toContain("https://shop-qa.herokuapp.com/");
    // THEN apps lists it with its region
    expect(await heroku("apps")).toContain("shop-qa (eu)");
    // AND WHEN it is destroyed, the account has no apps
    await heroku("apps:destroy", "shop-qa", "--confirm", "shop-qa");
    expect(await heroku("apps")).toContain("You have no apps.");
  });

  it("config:set, config, config:get, config:unset and releases work on an app's config vars", async () => {
    // GIVEN an app
    await heroku("apps:create", "shop-config");
    // WHEN config vars are set and one is unset
    expect(await heroku("config:set", "FOO=bar", "BAZ=qux", "-a", "shop-config")).toMatch(/FOO:\s+bar/);
    expect((await heroku("config:get", "FOO", "-a", "shop-config")).trim()).toBe("bar");
    await heroku("config:unset", "BAZ", "-a", "shop-config");
    // THEN config shows what is left, and each change made a release named by its keys only
    const config = await heroku("config", "-a", "shop-config");
    expect(config).toMatch(/FOO:\s+bar/);
    expect(config).not.toContain("BAZ");
    const releases = await heroku("releases", "-a", "shop-config");
    expect(releases).toMatch(/v3\s+Remove BAZ config vars/);
    expect(releases).toMatch(/v2\s+Set FOO, BAZ config vars/);
    expect(releases).toMatch(/v1\s+Initial release/);
    expect(releases).not.toContain("qux");
  });

  it("fails like Heroku on a taken name", async () => {
    await heroku("apps:create", "taken-name");
    await expect(heroku("apps:create", "taken-name")).rejects.toThrow(/Name is already taken/);
  });
});

describe("the official heroku CLI on dynos, add-ons, domains and pipelines", () => {
  it("ps:scale scales a released process type and ps lists its dynos", async () => {
    // GIVEN an app released with web and worker types
    await releasedApp(cli.platform, "shop-ps");
    // WHEN worker is scaled to two standard dynos
    await heroku("ps:scale", "worker=2:standard-1x", "-a", "shop-ps");
    // THEN ps shows them beside the web dyno
    const ps = await heroku("ps", "-a", "shop-ps");
    expect(ps).toMatch(/=== web \(Basic\): node server\.js \(1\)\n+web\.1: up/);
    expect(ps).toMatch(/=== worker \(Standard-1X\): node worker\.js \(2\)\n+worker\.1: up .*\nworker\.2: up/);
  });

  it("fails ps:scale of an undeclared process type with Heroku's message", async () => {
    await heroku("apps:create", "shop-bare");
    await expect(heroku("ps:scale", "web=1", "-a", "shop-bare")).rejects.toThrow(/Couldn't find that process type \(web\)/);
  });

  it("addons lists an app's add-on with its plan and attachment", async () => {
    await heroku("apps:create", "shop-addons");
    await ok(cli.platform, "POST", "/apps/shop-addons/addons", { plan: "heroku-postgresql:essential-0", name: "shop-addons-db" });
    const out = await heroku("addons", "-a", "shop-addons");
    expect(out).toContain("shop-addons-db");
    expect(out).toMatch(/essential-0\s+~\$0\.007\/hour\s+\$5\/month\s+created/);
    expect(out).toContain("DATABASE");
  });

  it("domains:add adds a custom domain and domains lists it with its DNS target", async () => {
    await heroku("apps:create", "shop-domains");
    await heroku("domains:add", "www.shop.example.com", "-a", "shop-domains");
    const out = await heroku("domains", "-a", "shop-domains");
    expect(out).toContain("shop-domains.herokuapp.com");
    expect(out).toMatch(/www\.shop\.example\.com\s+CNAME\s+[a-z]+-[a-z]+-[0-9a-f]+\.herokudns\.com/);
  });

  it("pipelines and pipelines:info show a pipeline and its apps by stage", async () => {
    const app = await ok(cli.platform, "POST", "/apps", { name: "shop-pipe-staging" });
    const pipeline = await ok(cli.platform, "POST", "/pipelines", { name: "shop-pipe" });
    await ok(cli.platform, "POST", "/pipeline-couplings", { app: app.id, pipeline: pipeline.id, stage: "staging" });
    expect(await heroku("pipelines")).toContain("shop-pipe");
    const info = await heroku("pipelines:info", "shop-pipe");
    expect(info).toMatch(/shop-pipe-staging\s+staging/);
  });

  it("pipelines:create, pipelines:add and pipelines:promote move staging's slug to production", async () => {
    // GIVEN a released staging app and a bare production app
    await releasedApp(cli.platform, "shop-promo-staging");
    await heroku("apps:create", "shop-promo-prod");
    // WHEN both are put in a pipeline with the CLI and staging is promoted
    await heroku("pipelines:create", "shop-promo", "-a", "shop-promo-staging", "--stage", "staging");
    await heroku("pipelines:add", "shop-promo", "-a", "shop-promo-prod", "--stage", "production");
    await heroku("pipelines:promote", "-a", "shop-promo-staging");
    // THEN production has a release promoted from staging's
    expect(await heroku("releases", "-a", "shop-promo-prod")).toMatch(/v2\s+Promote shop-promo-staging v2/);
  });
});

describe("the official heroku CLI on app settings", () => {
  it("apps:info shows the app's region, stack and owner", async () => {
    await heroku("apps:create", "shop-info", "--region", "eu");
    const out = await heroku("apps:info", "-a", "shop-info");
    expect(out).toMatch(/Region:\s+eu/);
    expect(out).toMatch(/Stack:\s+heroku-24/);
    expect(out).toMatch(/Owner:\s+developer@dynoform\.local/);
    expect(out).toMatch(/Web URL:\s+https:\/\/shop-info\.herokuapp\.com\//);
  });

  it("addons:info finds an add-on by its service name, once provisioned", async () => {
    await heroku("apps:create", "shop-addon-info");
    await heroku("addons:create", "heroku-redis:mini", "-a", "shop-addon-info");
    const out = await heroku("addons:info", "heroku-redis", "-a", "shop-addon-info");
    expect(out).toMatch(/Plan:\s+heroku-redis:mini/);
    expect(out).toMatch(/Attachments:\s+shop-addon-info::REDIS/);
    expect(out).toMatch(/State:\s+created/);
  });

  it("buildpacks:add installs a registry buildpack and buildpacks lists it by name", async () => {
    await heroku("apps:create", "shop-buildpacks");
    await heroku("buildpacks:add", "heroku/python", "-a", "shop-buildpacks");
    expect(await heroku("buildpacks", "-a", "shop-buildpacks")).toMatch(/=== shop-buildpacks Classic Buildpack \(from the Heroku Buildpack Registry\)\n+heroku\/python/);
    // (The CLI takes the registry's 404 body as a buildpack and sends nothing: the API refuses that.)
    await expect(heroku("buildpacks:add", "heroku/cobol", "-a", "shop-buildpacks")).rejects.toThrow(/Error ID: invalid_params/);
  });

  it("features:enable, access:add and drains:add show in features, access and drains", async () => {
    await heroku("apps:create", "shop-settings");
    await heroku("features:enable", "runtime-dyno-metadata", "-a", "shop-settings");
    await heroku("access:add", "ada@example.com", "-a", "shop-settings");
    await heroku("drains:add", "syslog+tls://logs.example.com:6514", "-a", "shop-settings");
    expect(await heroku("features", "-a", "shop-settings")).toMatch(/\[\+\] runtime-dyno-metadata/);
    expect(await heroku("access", "-a", "shop-settings")).toMatch(/ada@example\.com\s+collaborator/);
    expect(await heroku("drains", "-a", "shop-settings")).toMatch(/syslog\+tls:\/\/logs\.example\.com:6514 \(d\.[0-9a-f-]{36}\)/);
  });
});
