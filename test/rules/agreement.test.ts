/**
 * One table of cases, each written as an environment file and as construct
 * code: both paths run the rules of rules/ and must report the same
 * problem, at the same path, in the same words.
 */
import { describe, expect, it } from "vitest";
import {
  AddonPlan,
  Addon,
  AppSource,
  CollaboratorPermission,
  DynoSize,
  HerokuApp,
  Pipeline,
  PostgresAddon,
  RedisAddon,
  RedisPlan,
  Region,
  TelemetryExporter,
  TelemetrySignal,
  type DynoformStack,
} from "../../constructs";
import { checkEstate, parseEnvironment, type LoadedEnvironment } from "../../environment-files";
import { problems, sourceDir, synth } from "../constructs/synth";

interface Reported {
  readonly path: string;
  readonly message: string;
}

interface Case {
  readonly name: string;
  /** Environment files by name (`shop`, and `other` for the estate rules). */
  readonly files: Readonly<Record<string, string>>;
  readonly build: (stack: DynoformStack) => void;
  /** What both report; none for a valid case. */
  readonly expected: readonly Reported[];
}

const SOURCE = "https://example.com/shop.tar.gz";
const app = (name = "shop", extra = "") => `app:\n  name: ${name}\n  source: ${SOURCE}\n${extra}`;
const PROCFILE_DIR = sourceDir("web: gunicorn app:app\nworker: celery worker\n");
/** A team app in the space acme-fir (its generation looked up at plan time). */
const inSpace = (extra = "") => app("shop", `  team: acme\n  space: acme-fir\n${extra}`);
const spaceApp = (s: DynoformStack) => new HerokuApp(s, "shop", { name: "shop", team: "acme", space: "acme-fir" });
const COLLECTOR = { endpoint: "https://collector.example.com/v1", exporter: TelemetryExporter.OTLP_HTTP, signals: [TelemetrySignal.LOGS], headers: { "x-team": "acme" } };
const collectorYaml = (drain: string) => `telemetryDrains:\n  collector:\n${drain}`;
const pipelineYaml = (reviewApps: string) => `pipeline:\n  name: shop\n  stage: staging\n  reviewApps: ${reviewApps}\n`;

const cases: Case[] = [
  {
    name: "a valid app",
    files: { shop: `${app("shop", "  acm: true\n  features: [preboot]\n")}formation:\n  web: {size: standard-2x, quantity: 2}\naddons:\n  - service: postgres\n    version: 16\ndomains: [www.example.com]\nsecrets: [SECRET_KEY]\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop", acm: true });
      shop.addFeature("preboot");
      shop.addProcess("web", { size: DynoSize.STANDARD_2X, quantity: 2 });
      new PostgresAddon(s, "addon0", { app: shop, version: "16" });
      shop.addDomain("www.example.com");
      shop.addSecret("SECRET_KEY");
    },
    expected: [],
  },
  {
    name: "a valid team app in a space, with collaborators, a telemetry drain and review apps",
    files: {
      shop: `${inSpace()}collaborators:\n  - { email: dev@example.com, permissions: [view, deploy] }\n  - { email: ops@example.com }\n${collectorYaml("    endpoint: https://collector.example.com/v1\n    exporter: otlphttp\n    signals: [logs]\n    headers: { x-team: acme }\n")}${pipelineYaml("{ repo: acme/shop, destroyStaleApps: true, staleDays: 5 }")}`,
    },
    build: (s) => {
      const shop = spaceApp(s);
      shop.addCollaborator("dev@example.com", { permissions: [CollaboratorPermission.VIEW, CollaboratorPermission.DEPLOY] });
      shop.addCollaborator("ops@example.com");
      shop.addTelemetryDrain("collector", COLLECTOR);
      new Pipeline(s, "pipeline", { name: "shop" }).addReviewApps({ repo: "acme/shop", destroyStaleApps: true, staleDays: 5 });
    },
    expected: [],
  },
  {
    name: "permissions for a collaborator of a personal app",
    files: { shop: `${app()}collaborators:\n  - { email: dev@example.com, permissions: [deploy] }\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addCollaborator("dev@example.com", { permissions: [CollaboratorPermission.DEPLOY] }),
    expected: [
      {
        path: "collaborators[0].permissions",
        message: "permissions are for team apps: a personal app's collaborators (heroku_collaborator) take none; give app.team or leave permissions out",
      },
    ],
  },
  {
    name: "a collaborator listed twice",
    files: { shop: `${app("shop", "  team: acme\n")}collaborators:\n  - { email: dev@example.com }\n  - { email: dev@example.com, permissions: [manage] }\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop", team: "acme" });
      shop.addCollaborator("dev@example.com");
      shop.addCollaborator("dev@example.com", { permissions: [CollaboratorPermission.MANAGE] });
    },
    expected: [{ path: "collaborators[1].email", message: '"dev@example.com" is listed twice' }],
  },
  {
    name: "no permission for a team app's collaborator",
    files: { shop: `${app("shop", "  team: acme\n")}collaborators:\n  - { email: dev@example.com, permissions: [] }\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", team: "acme" }).addCollaborator("dev@example.com", { permissions: [] }),
    expected: [{ path: "collaborators[0].permissions", message: "is empty: a team app's collaborator needs at least one of view, deploy, operate, manage" }],
  },
  {
    name: "a permission listed twice",
    files: { shop: `${app("shop", "  team: acme\n")}collaborators:\n  - { email: dev@example.com, permissions: [operate, operate] }\n` },
    build: (s) =>
      new HerokuApp(s, "shop", { name: "shop", team: "acme" }).addCollaborator("dev@example.com", { permissions: [CollaboratorPermission.OPERATE, CollaboratorPermission.of("Operate")] }),
    expected: [{ path: "collaborators[0].permissions[1]", message: '"operate" is listed twice' }],
  },
  {
    name: "an app in a space without a team",
    files: { shop: app("shop", "  space: acme-fir\n") },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", space: "acme-fir" }),
    expected: [{ path: "app.space", message: 'an app in space "acme-fir" belongs to a team: give app.team' }],
  },
  {
    name: "a region for an app in a space",
    files: { shop: app("shop", "  team: acme\n  space: acme-fir\n  region: eu\n") },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", team: "acme", space: "acme-fir", region: Region.EU }),
    expected: [{ path: "app.region", message: `"eu" is not for an app in space "acme-fir": it runs in its space's region; leave region out` }],
  },
  {
    name: "a telemetry drain on a Common Runtime app",
    files: { shop: `${app()}${collectorYaml("    endpoint: https://collector.example.com/v1\n    exporter: otlphttp\n    signals: [logs]\n    headers: { x-team: acme }\n")}` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addTelemetryDrain("collector", COLLECTOR),
    expected: [{ path: "telemetryDrains.collector", message: "telemetry drains are for Fir apps, and an app outside a space is Cedar: put it in a Fir space, or use logDrains" }],
  },
  {
    name: "an otlp endpoint that is a URL",
    files: { shop: `${inSpace()}${collectorYaml("    endpoint: https://collector.example.com:4317\n    exporter: otlp\n    signals: [traces]\n    headers: { x-team: acme }\n")}` },
    build: (s) =>
      spaceApp(s).addTelemetryDrain("collector", { ...COLLECTOR, endpoint: "https://collector.example.com:4317", exporter: TelemetryExporter.OTLP, signals: [TelemetrySignal.TRACES] }),
    expected: [
      {
        path: "telemetryDrains.collector.endpoint",
        message: '"https://collector.example.com:4317" is not host:port: an otlp exporter speaks gRPC to one, like collector.example.com:4317',
      },
    ],
  },
  {
    name: "a telemetry drain without headers, a signal twice",
    files: { shop: `${inSpace()}${collectorYaml("    endpoint: https://collector.example.com/v1\n    exporter: otlphttp\n    signals: [logs, logs]\n    headers: {}\n")}` },
    build: (s) => spaceApp(s).addTelemetryDrain("collector", { ...COLLECTOR, signals: [TelemetrySignal.LOGS, TelemetrySignal.LOGS], headers: {} }),
    expected: [
      { path: "telemetryDrains.collector.signals[1]", message: '"logs" is listed twice' },
      { path: "telemetryDrains.collector.headers", message: "is empty: Heroku needs at least one header for the consumer" },
    ],
  },
  {
    name: "review apps stale for more than 30 days",
    files: { shop: `${app()}${pipelineYaml("{ repo: acme/shop, destroyStaleApps: true, staleDays: 31 }")}` },
    build: (s) => {
      new HerokuApp(s, "shop", { name: "shop" });
      new Pipeline(s, "pipeline", { name: "shop" }).addReviewApps({ repo: "acme/shop", destroyStaleApps: true, staleDays: 31 });
    },
    expected: [{ path: "pipeline.reviewApps.staleDays", message: "31 is not a number of days Heroku waits before destroying a stale review app: 1 to 30" }],
  },
  {
    name: "review apps from a repository that is not owner/name",
    files: { shop: `${app()}${pipelineYaml("{ repo: https://github.com/acme/shop }")}` },
    build: (s) => {
      new HerokuApp(s, "shop", { name: "shop" });
      new Pipeline(s, "pipeline", { name: "shop" }).addReviewApps({ repo: "https://github.com/acme/shop" });
    },
    expected: [{ path: "pipeline.reviewApps.repo", message: '"https://github.com/acme/shop" is not a GitHub repository: give its full name, owner/name' }],
  },
  {
    name: "app name",
    files: { shop: app("Shop") },
    build: (s) => new HerokuApp(s, "shop", { name: "Shop" }),
    expected: [{ path: "app.name", message: '"Shop" is not a Heroku app name: 3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash' }],
  },
  {
    name: "unknown feature",
    files: { shop: app("shop", "  features: [prebot]\n") },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addFeature("prebot"),
    expected: [{ path: "app.features[0]", message: '"prebot" is not an app feature (did you mean preboot?)' }],
  },
  {
    name: "preboot on basic dynos",
    files: { shop: `${app("shop", "  features: [preboot]\n")}formation:\n  web: {size: basic}\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      shop.addFeature("preboot");
      shop.addProcess("web", { size: DynoSize.BASIC });
    },
    expected: [{ path: "app.features[0]", message: '"preboot" needs standard or performance dynos (formation.web.size is "basic")' }],
  },
  {
    name: "feature listed twice",
    files: { shop: app("shop", "  features: [runtime-dyno-metadata, runtime-dyno-metadata]\n") },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      shop.addFeature("runtime-dyno-metadata");
      shop.addFeature("runtime-dyno-metadata");
    },
    expected: [{ path: "app.features[1]", message: '"runtime-dyno-metadata" is listed twice' }],
  },
  {
    name: "ACM on eco dynos",
    files: { shop: `${app("shop", "  acm: true\n")}formation:\n  web: {size: eco}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", acm: true }).addProcess("web", { size: DynoSize.ECO }),
    expected: [{ path: "app.acm", message: 'ACM is not available on eco dynos (formation.web.size is "eco")' }],
  },
  {
    name: "ACM on a wildcard domain",
    files: { shop: `${app("shop", "  acm: true\n")}domains: ["*.example.com"]\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", acm: true }).addDomain("*.example.com"),
    expected: [{ path: "domains[0]", message: '"*.example.com" is a wildcard domain: ACM issues no certificates for wildcard domains' }],
  },
  {
    name: "config var key",
    files: { shop: `${app()}config:\n  1X: a\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", configVars: { "1X": "a" } }),
    expected: [{ path: "config.1X", message: '"1X" is not a config var key: letters, digits and underscores, not starting with a digit' }],
  },
  {
    name: "a key plain and secret",
    files: { shop: `${app()}config:\n  TOKEN: a\nsecrets: [TOKEN]\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", configVars: { TOKEN: "a" } }).addSecret("TOKEN"),
    expected: [{ path: "secrets[0]", message: '"TOKEN" is also a plain config var: a key is either in config or in secrets' }],
  },
  {
    name: "a secret listed twice",
    files: { shop: `${app()}secrets: [TOKEN, TOKEN]\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      shop.addSecret("TOKEN");
      shop.addSecret("TOKEN");
    },
    expected: [{ path: "secrets[1]", message: '"TOKEN" is listed twice' }],
  },
  {
    name: "a config var an add-on sets",
    files: { shop: `${app()}config:\n  DATABASE_URL: postgres://localhost/shop\naddons:\n  - service: postgres\n` },
    build: (s) => new PostgresAddon(s, "addon0", { app: new HerokuApp(s, "shop", { name: "shop", configVars: { DATABASE_URL: "postgres://localhost/shop" } }) }),
    expected: [{ path: "config.DATABASE_URL", message: '"DATABASE_URL" is set by the heroku-postgresql add-on (addons[0]): remove it from config' }],
  },
  {
    name: "unknown dyno size",
    files: { shop: `${app()}formation:\n  web: {size: standard-3x}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addProcess("web", { size: "standard-3x" as any }),
    expected: [{ path: "formation.web.size", message: '"standard-3x" is not a dyno size (did you mean standard-2x?)' }],
  },
  {
    name: "too many eco dynos",
    files: { shop: `${app()}formation:\n  web: {size: eco, quantity: 2}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addProcess("web", { size: DynoSize.ECO, quantity: 2 }),
    expected: [{ path: "formation.web.quantity", message: "2 is too many eco dynos: eco runs at most 1 dyno per process type" }],
  },
  {
    name: "negative quantity",
    files: { shop: `${app()}formation:\n  web: {size: standard-1x, quantity: -1}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addProcess("web", { size: DynoSize.STANDARD_1X, quantity: -1 }),
    expected: [{ path: "formation.web.quantity", message: "-1 is not a number of dynos: it cannot be negative" }],
  },
  {
    name: "fractional quantity",
    files: { shop: `${app()}formation:\n  web: {size: standard-1x, quantity: 1.5}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addProcess("web", { size: DynoSize.STANDARD_1X, quantity: 1.5 }),
    expected: [{ path: "formation.web.quantity", message: "expected a whole number, got 1.5" }],
  },
  {
    name: "eco next to standard",
    files: { shop: `${app()}formation:\n  web: {size: eco}\n  worker: {size: standard-1x}\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      shop.addProcess("web", { size: DynoSize.ECO });
      shop.addProcess("worker", { size: DynoSize.STANDARD_1X });
    },
    expected: [
      {
        path: "formation.worker.size",
        message: '"standard-1x" cannot run next to eco dynos (formation.web): an app with eco or basic dynos uses that tier for every process type',
      },
    ],
  },
  {
    name: "the release phase scaled",
    files: { shop: `${app()}formation:\n  release: {size: standard-1x}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addProcess("release", { size: DynoSize.STANDARD_1X }),
    expected: [{ path: "formation.release", message: '"release" is the release phase: Heroku runs it once per deploy and never scales it' }],
  },
  {
    name: "a process type the Procfile does not declare",
    files: { shop: `app:\n  name: shop\n  source: ${PROCFILE_DIR}\nformation:\n  wroker: {size: standard-1x}\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop", source: AppSource.fromDirectory(PROCFILE_DIR) }).addProcess("wroker", {}),
    expected: [{ path: "formation.wroker", message: expect.stringMatching(/^"wroker" is not a process type of .*Procfile \(did you mean worker\?\): Heroku cannot scale it$/) }],
  },
  {
    name: "a Postgres version Heroku does not provision",
    files: { shop: `${app()}addons:\n  - service: postgres\n    version: 9\n` },
    build: (s) => new PostgresAddon(s, "addon0", { app: new HerokuApp(s, "shop", { name: "shop" }), version: "9" }),
    expected: [{ path: "addons[0].version", message: '"9" is not a Postgres version Heroku provisions (14, 15, 16, 17)' }],
  },
  {
    name: "a version on Redis",
    files: { shop: `${app()}addons:\n  - service: redis\n    version: 7\n` },
    build: (s) => new Addon(s, "addon0", { app: new HerokuApp(s, "shop", { name: "shop" }), plan: RedisPlan.MINI, config: { version: "7" } }),
    expected: [{ path: "addons[0].version", message: "heroku-redis takes no version: only heroku-postgresql has one" }],
  },
  {
    name: "an attachment name that is not a config var prefix",
    files: { shop: `${app()}addons:\n  - service: redis\n    as: cache\n` },
    build: (s) => new RedisAddon(s, "addon0", { app: new HerokuApp(s, "shop", { name: "shop" }), as: "cache" }),
    expected: [{ path: "addons[0].as", message: '"cache" is not an attachment name: upper case letters, digits and underscores, starting with a letter' }],
  },
  {
    name: "one attachment name twice",
    files: { shop: `${app()}addons:\n  - service: postgres\n    as: MAIN\n  - service: redis\n    as: MAIN\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      new PostgresAddon(s, "addon0", { app: shop, as: "MAIN" });
      new RedisAddon(s, "addon1", { app: shop, as: "MAIN" });
    },
    expected: [{ path: "addons[1].as", message: '"MAIN" is already the attachment name of addons[0]' }],
  },
  {
    name: "an add-on attached to its own app",
    files: { shop: `${app()}addons:\n  - service: scheduler\n    attachTo: [shop]\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      new Addon(s, "addon0", { app: shop, plan: AddonPlan.of("scheduler") }).attachTo(HerokuApp.fromAppName(s, "self", "shop"));
    },
    expected: [{ path: "addons[0].attachTo[0]", message: '"shop" is this environment\'s own app, which the add-on is attached to already' }],
  },
  {
    name: "a hostname that is not one",
    files: { shop: `${app()}domains: [www_example_com]\n` },
    build: (s) => new HerokuApp(s, "shop", { name: "shop" }).addDomain("www_example_com"),
    expected: [{ path: "domains[0]", message: '"www_example_com" is not a hostname: DNS labels separated by dots, like www.example.com' }],
  },
  {
    name: "a hostname listed twice, in another case",
    files: { shop: `${app()}domains: [www.example.com, WWW.Example.com]\n` },
    build: (s) => {
      const shop = new HerokuApp(s, "shop", { name: "shop" });
      shop.addDomain("www.example.com");
      shop.addDomain("WWW.Example.com");
    },
    expected: [{ path: "domains[1]", message: '"WWW.Example.com" is listed twice' }],
  },
  {
    name: "two apps with one name (estate)",
    files: { other: app("shop"), shop: app("shop") },
    build: (s) => {
      new HerokuApp(s, "other", { name: "shop" });
      new HerokuApp(s, "shop", { name: "shop" });
    },
    expected: [{ path: "app.name", message: '"shop" is already the app of <other>' }],
  },
  {
    name: "one hostname on two apps, in another case (estate)",
    files: { other: `${app("shop-other")}domains: [www.example.com]\n`, shop: `${app()}domains: [WWW.example.com]\n` },
    build: (s) => {
      new HerokuApp(s, "other", { name: "shop-other" }).addDomain("www.example.com");
      new HerokuApp(s, "shop", { name: "shop" }).addDomain("WWW.example.com");
    },
    expected: [{ path: "domains[0]", message: '"WWW.example.com" is already a domain of <other>' }],
  },
];

const DIR = "test/rules/inline";

/** Through the environment files: `file:line:col: path: message`, each file parsed, then the estate checked. */
function throughFiles(files: Case["files"]): Reported[] {
  const results = Object.entries(files).map(([name, text]) => parseEnvironment(`${DIR}/${name}.yaml`, text));
  const lines = results.flatMap((r) => r.problems);
  lines.push(...checkEstate(results.flatMap((r) => (r.environment ? [r.environment as LoadedEnvironment] : []))));
  return lines.map((line) => {
    const [, path, message] = /^[^:]+:\d+:\d+: (\S+): (.*)$/.exec(line) ?? [];
    expect(path, line).toBeDefined();
    return { path, message: message.replace(`${DIR}/other.yaml`, "<other>") };
  });
}

/** Through the constructs: `app <name>: path: message`, add-ons named `addon<i>` read back as `addons[i]`. */
function throughConstructs(build: Case["build"]): Reported[] {
  let lines: string[] = [];
  try {
    synth(build);
  } catch {
    lines = problems(build);
  }
  return lines.map((line) => {
    const addon = /^app \S+: add-on test\/addon(\d+): ([\w.[\]]+): (.*)$/.exec(line);
    if (addon) return { path: `addons[${addon[1]}].${addon[2]}`, message: addon[3] };
    const [, path, message] = /^(?:app|pipeline) \S+: (\S+): (.*)$/.exec(line) ?? [];
    expect(path, line).toBeDefined();
    return { path, message: message.replace("test/other", "<other>") };
  });
}

describe("the rules agree through environment files and constructs", () => {
  it("covers every rule module of rules/ and a valid case", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.some((c) => c.expected.length === 0)).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    // GIVEN the case as files and as constructs
    // WHEN each is checked
    const fromFiles = throughFiles(c.files);
    const fromConstructs = throughConstructs(c.build);
    // THEN both report what is expected, at the same path, in the same words
    expect(fromFiles).toEqual(c.expected);
    expect(fromConstructs).toEqual(c.expected);
    expect(fromConstructs).toEqual(fromFiles);
  });

  it("suggests standard-2x for standard-3x through both, and through DynoSize.of", () => {
    const fromFiles = throughFiles({ shop: `${app()}formation:\n  web: {size: standard-3x}\n` });
    const fromConstructs = throughConstructs((s) => new HerokuApp(s, "shop", { name: "shop" }).addProcess("web", { size: "standard-3x" as any }));
    expect(fromFiles).toEqual([{ path: "formation.web.size", message: '"standard-3x" is not a dyno size (did you mean standard-2x?)' }]);
    expect(fromConstructs).toEqual(fromFiles);
    expect(() => DynoSize.of("standard-3x")).toThrow(fromFiles[0].message);
  });

  it.each([
    ["an app permission", `collaborators:\n  - { email: dev@example.com, permissions: [deplyo] }\n`, () => CollaboratorPermission.of("deplyo")],
    ["a telemetry signal", collectorYaml("    endpoint: https://collector.example.com/v1\n    exporter: otlphttp\n    signals: [metric]\n    headers: { x-team: acme }\n"), () => TelemetrySignal.of("metric")],
    ["a telemetry exporter", collectorYaml("    endpoint: https://collector.example.com/v1\n    exporter: otlp-http\n    signals: [logs]\n    headers: { x-team: acme }\n"), () => TelemetryExporter.of("otlp-http")],
  ])("refuses a name that is not %s in the same words, the constructs when the enum-like is made", (_, yaml, make) => {
    // GIVEN the misspelt name in a file of a team app in a space
    const fromFiles = throughFiles({ shop: `${inSpace()}${yaml}` });
    // THEN the file reports it once, and the enum-like throws the same words
    expect(fromFiles).toHaveLength(1);
    expect(make).toThrow(fromFiles[0].message);
  });

  it("refuses an unknown plan of a known service in the same words, the constructs when the plan is made", () => {
    const fromFiles = throughFiles({ shop: `${app()}addons:\n  - service: redis\n    plan: premium-4\n` });
    expect(fromFiles).toEqual([{ path: "addons[0].plan", message: expect.stringMatching(/^"premium-4" is not a heroku-redis plan/) }]);
    expect(() => RedisPlan.of("premium-4")).toThrow(fromFiles[0].message);
  });
});
