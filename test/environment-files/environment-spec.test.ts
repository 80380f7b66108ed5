import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { parseEnvironment, type LoadedEnvironment } from "../../environment-files";

const FILE = "test/environment-files/inline/demo.yaml";
const APP = "app:\n  name: demo-app\n  source: ../fixtures/flask-app\n";

/** Parses text as if it were test/environment-files/inline/demo.yaml and expects it valid (internal helper). */
function valid(text: string): LoadedEnvironment {
  const result = parseEnvironment(FILE, text);
  expect(result.problems).toEqual([]);
  return result.environment as LoadedEnvironment;
}

describe("environment spec", () => {
  it("fills Heroku's defaults into a minimal file", () => {
    // GIVEN only an app name and a source
    // WHEN parsed
    const { name, spec } = valid(APP);
    // THEN the environment is named after the file and gets Heroku's defaults
    expect(name).toBe("demo");
    expect(spec.app).toEqual({
      name: "demo-app",
      region: "us",
      stack: "heroku-24",
      buildpacks: [],
      source: resolve("test/environment-files/fixtures/flask-app"),
      acm: false,
      features: [],
    });
    expect(spec).toMatchObject({ config: {}, secrets: [], formation: {}, addons: [], domains: [], production: false });
  });

  it("keeps an https source as written", () => {
    const { spec } = valid("app:\n  name: demo-app\n  source: https://example.com/demo.tar.gz\n");
    expect(spec.app.source).toBe("https://example.com/demo.tar.gz");
  });

  it("turns config values into strings", () => {
    // GIVEN numbers and booleans as YAML writes them
    const { spec } = valid(`${APP}config:\n  WEB_CONCURRENCY: 2\n  DEBUG: false\n  NAME: demo\n`);
    // THEN Heroku's config vars are strings
    expect(spec.config).toEqual({ WEB_CONCURRENCY: "2", DEBUG: "false", NAME: "demo" });
  });

  it("names add-on services as Heroku does and keeps their plans and versions", () => {
    // GIVEN the short service names
    const { spec } = valid(
      `${APP}addons:\n  - service: postgres\n    plan: standard-0\n    version: 16\n  - service: redis\n  - service: scheduler\n`,
    );
    // THEN they become Heroku's service names
    expect(spec.addons).toEqual([
      { service: "heroku-postgresql", plan: "standard-0", version: "16", attachTo: [] },
      { service: "heroku-redis", attachTo: [] },
      { service: "scheduler", attachTo: [] },
    ]);
  });

  it("accepts the legacy postgres plans mini and basic (the constructs warn)", () => {
    const { spec } = valid(`${APP}addons:\n  - service: postgres\n    plan: mini\n  - service: postgres\n    plan: basic\n    as: REPORTING\n`);
    expect(spec.addons.map((a) => a.plan)).toEqual(["mini", "basic"]);
  });

  it("makes an environment in the production stage a production one unless told otherwise", () => {
    // GIVEN a production-stage file, and one that opts out
    const production = valid(`${APP}pipeline: { name: demo, stage: production }\n`);
    const optedOut = valid(`${APP}pipeline: { name: demo, stage: production }\nproduction: false\n`);
    const staging = valid(`${APP}pipeline: { name: demo, stage: staging }\n`);
    // THEN only the first is production
    expect([production.spec.production, optedOut.spec.production, staging.spec.production]).toEqual([true, false, false]);
  });

  it("accepts a formation of one paid tier, preboot and ACM with a domain", () => {
    const { spec } = valid(
      "app:\n  name: demo-app\n  source: ../fixtures/flask-app\n  acm: true\n  features: [preboot]\n" +
        "formation:\n  web: { size: performance-m, quantity: 3 }\n  worker: { size: standard-1x }\n" +
        "domains: [www.example.com]\n",
    );
    expect(spec.formation).toEqual({ web: { size: "performance-m", quantity: 3 }, worker: { size: "standard-1x", quantity: 1 } });
  });

  it("accepts eco for every process type of an app", () => {
    const { spec } = valid(`${APP}formation:\n  web: { size: eco }\n  worker: { size: eco, quantity: 0 }\n`);
    expect(Object.values(spec.formation).map((p) => p.size)).toEqual(["eco", "eco"]);
  });

  it("keeps a drain URL and a telemetry header written { secret: KEY }, which need not be in secrets:", () => {
    // GIVEN a Cedar app with a plain and a secret log drain, and a Fir app whose API key header is a secret
    const cedar = valid(`${APP}logDrains:\n  papertrail: syslog+tls://logs.papertrailapp.com:12345\n  vendor: { secret: LOGS_URL }\n`);
    const fir = valid(
      `app:\n  name: demo-app\n  team: acme\n  space: acme-fir\n  source: ../fixtures/flask-app\n` +
        `telemetryDrains:\n  honeycomb:\n    endpoint: https://api.honeycomb.io\n    exporter: otlphttp\n    signals: [traces]\n` +
        `    headers: { x-honeycomb-team: { secret: HONEYCOMB_KEY }, x-honeycomb-dataset: shop }\n`,
    );
    // THEN each is kept as written, and neither key became a config var
    expect(cedar.spec.logDrains).toEqual({ papertrail: "syslog+tls://logs.papertrailapp.com:12345", vendor: { secret: "LOGS_URL" } });
    expect(fir.spec.telemetryDrains.honeycomb.headers).toEqual({ "x-honeycomb-team": { secret: "HONEYCOMB_KEY" }, "x-honeycomb-dataset": "shop" });
    expect([cedar.spec.secrets, fir.spec.secrets]).toEqual([[], []]);
  });

  it("says what an empty drain URL needs, as before { secret: KEY } was an option", () => {
    expect(parseEnvironment(FILE, `${APP}logDrains:\n  vendor: ""\n`).problems).toEqual([`${FILE}:5:3: logDrains.vendor: is empty: give the drain's syslog or https URL`]);
  });

  it("fails with every problem of a file at once", () => {
    // GIVEN a file with two unrelated mistakes
    const result = parseEnvironment(FILE, "app:\n  name: Demo\n  source: ../fixtures/flask-app\n  region: mars\n");
    // THEN both are reported, in file order
    expect(result.problems).toEqual([
      `${FILE}:2:3: app.name: "Demo" is not a Heroku app name: 3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash`,
      `${FILE}:4:3: app.region: "mars" is not a Common Runtime region`,
    ]);
  });
});
