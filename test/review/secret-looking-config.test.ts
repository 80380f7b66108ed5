import { App } from "cdktf";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run as cost } from "../../cli/commands/cost";
import { run as importCommand } from "../../cli/commands/import";
import { run as review } from "../../cli/commands/review";
import { loadEstate } from "../../environment-files";
import { refusedByPolicy } from "../../environment-files/environment-rules";
import { TerraformPlanJson, stackFromPlanJson } from "../../review/from-plan";
import { DEFAULT_POLICY_CONFIG, environmentCheckOptions, loadPolicyConfig } from "../../review/policy-config";
import { buildReview } from "../../review/review";
import { renderMarkdown } from "../../review/render-markdown";
import { buildEstate } from "../../stacks/estate";
import { ok, platform } from "../platform/platform-harness";
import { FIXTURES } from "./estate-fixture";

/**
 * A plain config var that looks like a secret, from the YAML a user writes
 * to every output dynoform makes of it: masked in the review (Markdown and
 * JSON) and in cost, raised as a risk with its reason, a policy violation or
 * a refusal when dynoform.policy.yaml says so, and a secret when `dynoform
 * import` reads it off a live app.
 *
 * Credential-shaped values are put together at run time, so the source holds
 * nothing a secret scanner would stop; none is a real credential.
 */
const STRIPE_LIVE = ["sk_", "live_", "51Hq2eZvKYlo2C0a9f3k7XbQ"].join("");
const GITHUB_TOKEN = ["ghp_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"].join("");
const READER_PASSWORD = "rd-pa55word-7c1e";
const PLANTED = [STRIPE_LIVE, GITHUB_TOKEN, READER_PASSWORD];

const ROOT = join(__dirname, "..", "..");
let project: string;
let printed: string;

/** The example estate's environment files and `more` in a scratch project, edited by `edit`, synthesized for Heroku into `out` (internal helper). */
function synthesizedEstate(
  name: string,
  edit: (file: string, text: string) => string = (_f, t) => t,
  more: Record<string, string> = {},
): { environments: string; tree: string } {
  const environments = join(project, name, "environments");
  mkdirSync(environments, { recursive: true });
  for (const file of ["staging.yaml", "production.yaml"]) {
    writeFileSync(join(environments, file), edit(file, readFileSync(join(ROOT, "environments", file), "utf8")));
  }
  for (const [file, text] of Object.entries(more)) writeFileSync(join(environments, file), text);
  symlinkSync(join(ROOT, "apps"), join(project, name, "apps"));
  const tree = join(project, name, "cdktf.out");
  const app = new App({ outdir: tree });
  buildEstate(app, loadEstate(environments), { kind: "heroku" });
  app.synth();
  return { environments, tree };
}

/** A user's edit: a Stripe key under an innocent name in staging, a reader URL with its password in production (internal helper). */
function plantSecrets(file: string, text: string): string {
  const planted = file === "staging.yaml" ? `  PAYMENTS: ${STRIPE_LIVE}\n` : `  DATABASE_READER_URL: postgres://reader:${READER_PASSWORD}@db.example.com:5432/app\n`;
  return text.replace("  LOG_LEVEL:", `${planted}  LOG_LEVEL:`);
}

function policyFile(text: string): string {
  const file = join(project, `policy-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

let base: { environments: string; tree: string };
let head: { environments: string; tree: string };

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "dynoform-secret-looking-"));
  base = synthesizedEstate("base");
  head = synthesizedEstate("head", plantSecrets);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

beforeEach(() => {
  printed = "";
  const capture = (chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => capture(`${args.join(" ")}\n`));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("a plain config var that looks like a secret, in a review", () => {
  it("is masked in the Markdown, the JSON and cost, and raised as a risk with its reason", async () => {
    // GIVEN a change that adds a Stripe key to staging's config and a URL with a password to production's
    const policy = policyFile("rules:\n  production-postgres-ha: false\n");
    // WHEN it is reviewed as Markdown and as JSON, and the head's cost is printed as text and JSON
    const markdownCode = await review(["--base-tree", base.tree, "--head-tree", head.tree, "--policy", policy, "--fail-on", "policy"]);
    const markdown = printed;
    printed = "";
    await review(["--base-tree", base.tree, "--head-tree", head.tree, "--policy", policy, "--format", "json"]);
    const json = printed;
    printed = "";
    await cost(["--tree", head.tree]);
    await cost(["--tree", head.tree, "--format", "json"]);
    // THEN no output holds any planted value
    for (const output of [markdown, json, printed]) for (const secret of PLANTED) expect(output).not.toContain(secret);
    // AND the page masks both, and names each with its reason as a risk
    expect(markdown).toContain("| config_vars.PAYMENTS |  | _(sensitive)_ |");
    expect(markdown).toContain("| config_vars.DATABASE_READER_URL |  | _(sensitive)_ |");
    expect(markdown).toContain("- ⚠️ **staging** `heroku_app.app` — PAYMENTS looks like a secret (a Stripe live key): move it to secrets: (`secret-looking-config`)");
    expect(markdown).toContain(
      "- ⚠️ **production** `heroku_app.app` — DATABASE_READER_URL looks like a secret (a URL with a password): move it to secrets: (`secret-looking-config`)",
    );
    // AND under the default policy they are not violations: the check a pull request gets stays green
    expect(markdownCode).toBe(0);
    expect(JSON.parse(json).policy).toEqual([]);
  });

  it("is a violation in every environment with secret-looking-config: true, also where no change touches it", async () => {
    // GIVEN the estate with the planted values already deployed, and a policy that makes them violations
    const policy = policyFile("rules:\n  production-postgres-ha: false\n  secret-looking-config: true\n");
    // WHEN the unchanged estate is reviewed with --fail-on policy
    const code = await review(["--base-tree", head.tree, "--head-tree", head.tree, "--policy", policy, "--fail-on", "policy", "--format", "json"]);
    // THEN it fails on both, staging included (not a production environment), with the reasons; there is no risk, since nothing changes
    expect(code).toBe(1);
    const reviewed = JSON.parse(printed);
    expect(reviewed.policy.map((v: { environment: string; rule: string; message: string }) => `${v.environment} ${v.rule}: ${v.message}`)).toEqual([
      "production secret-looking-config: DATABASE_READER_URL looks like a secret (a URL with a password): move it to secrets:",
      "staging secret-looking-config: PAYMENTS looks like a secret (a Stripe live key): move it to secrets:",
    ]);
    expect(reviewed.risks).toEqual([]);
    for (const secret of PLANTED) expect(printed).not.toContain(secret);
  });

  it("is masked and raised in a saved plan too, where it comes from no environment file", () => {
    // GIVEN a real plan whose app gets a GitHub token in its plain config vars
    const plan = JSON.parse(readFileSync(join(FIXTURES, "plans", "production-update.json"), "utf8")) as TerraformPlanJson;
    const app = plan.resource_changes!.find((rc) => rc.address === "heroku_app.web")!;
    (app.change.after!.config_vars as Record<string, string>).CI_HOOK = GITHUB_TOKEN;
    // WHEN it is reviewed
    const r = buildReview({ source: { kind: "plan", description: "t" }, stacks: [stackFromPlanJson("production", plan)] }, DEFAULT_POLICY_CONFIG);
    // THEN the token is masked and named as what it looks like
    const output = renderMarkdown(r) + JSON.stringify(r);
    expect(output).not.toContain(GITHUB_TOKEN);
    expect(r.risks.map((x) => x.reason)).toContain("CI_HOOK looks like a secret (a GitHub token): move it to secrets:");
  });
});

describe("the environment check under secret-looking-config: refuse", () => {
  it("refuses each secret-looking value in a located line that does not quote it", () => {
    // GIVEN the edited environment files and a policy that refuses secret-looking config
    const refuse = environmentCheckOptions(loadPolicyConfig(policyFile("rules:\n  secret-looking-config: refuse\n"), true));
    const estate = loadEstate(head.environments);
    // WHEN the policy's refusals are checked
    const refusals = refusedByPolicy(estate, refuse);
    // THEN each value is refused at its line in its file, with its reason
    const lineOf = (file: string, key: string) => readFileSync(file, "utf8").split("\n").findIndex((l) => l.startsWith(`  ${key}:`)) + 1;
    const staging = join(head.environments, "staging.yaml");
    const production = join(head.environments, "production.yaml");
    expect(refusals).toEqual([
      `${production}:${lineOf(production, "DATABASE_READER_URL")}:3: config.DATABASE_READER_URL: looks like a secret (a URL with a password): move it to secrets: (dynoform.policy.yaml refuses secret-looking config)`,
      `${staging}:${lineOf(staging, "PAYMENTS")}:3: config.PAYMENTS: looks like a secret (a Stripe live key): move it to secrets: (dynoform.policy.yaml refuses secret-looking config)`,
    ]);
    for (const secret of PLANTED) expect(refusals.join("\n")).not.toContain(secret);
  });

  it("stops the real synth before anything is written, with one line per value", () => {
    // GIVEN a project of its own with the edited files, its app, and a dynoform.policy.yaml that refuses secret-looking config
    const dir = join(project, "refusing");
    cpSync(head.environments, join(dir, "environments"), { recursive: true });
    cpSync(join(ROOT, "apps"), join(dir, "apps"), { recursive: true });
    writeFileSync(join(dir, "dynoform.policy.yaml"), "rules:\n  secret-looking-config: refuse\n");
    // WHEN the user synthesizes it
    const result = spawnSync(process.execPath, [join(ROOT, "bin", "dynoform.js"), "synth"], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    // THEN it fails naming both values at their lines, quotes neither, and writes nothing
    expect(result.stderr).toContain("environments/staging.yaml:");
    expect(result.stderr).toContain(": config.PAYMENTS: looks like a secret (a Stripe live key): move it to secrets:");
    expect(result.stderr).toContain(": config.DATABASE_READER_URL: looks like a secret (a URL with a password)");
    expect(result.status).toBe(1);
    for (const secret of PLANTED) expect(result.stdout + result.stderr).not.toContain(secret);
    expect(existsSync(join(dir, "cdktf.out"))).toBe(false);
  });

  it("refuses nothing under true or the default, nor the example estate under refuse", () => {
    const options = (text: string) => environmentCheckOptions(loadPolicyConfig(policyFile(text), true));
    expect(refusedByPolicy(loadEstate(head.environments), options("rules:\n  secret-looking-config: true\n"))).toEqual([]);
    expect(refusedByPolicy(loadEstate(head.environments), options("{}\n"))).toEqual([]);
    expect(refusedByPolicy(loadEstate(base.environments), options("rules:\n  secret-looking-config: refuse\n"))).toEqual([]);
  });
});

/** A Fir app in a space (telemetry drains are Fir's), with a telemetry drain whose headers are `headers` (internal helper). */
const otelFile = (headers: string) => `app:
  name: flask-demo-otel
  team: acme
  space: acme-fir
  source: ../apps/flask-demo
telemetryDrains:
  honeycomb:
    endpoint: https://api.honeycomb.io
    exporter: otlphttp
    signals: [traces]
    headers:
${headers}`;

const DRAIN_PASSWORD = "dr41n-pa55-8e3b";
const HONEYCOMB_KEY = "hc-plain-7d2e9a41";

/** The example estate and the Fir app, synthesized for Heroku; `drains` adds a log drain to staging and a header to the Fir app (internal helper). */
function drainEstate(name: string, drains: { logDrain: string; header: string } | undefined): { environments: string; tree: string } {
  return synthesizedEstate(
    name,
    (file, text) => (file === "staging.yaml" && drains ? `${text}\nlogDrains:\n  vendor: ${drains.logDrain}\n` : text),
    { "otel.yaml": otelFile(`      x-honeycomb-dataset: shop\n${drains ? `      x-honeycomb-team: ${drains.header}\n` : ""}`) },
  );
}

describe("a plain log drain URL or telemetry header that looks like a secret", () => {
  let plainBase: { environments: string; tree: string };
  let plainHead: { environments: string; tree: string };
  beforeAll(() => {
    plainBase = drainEstate("drains-base", undefined);
    plainHead = drainEstate("drains-head", { logDrain: `https://logs:${DRAIN_PASSWORD}@logs.example.com/ingest`, header: HONEYCOMB_KEY });
  });

  it("is masked in the review and raised as a risk with its reason and the fix", async () => {
    // GIVEN a change that adds a drain URL with a password to staging and an API key header to the Fir app, both plain
    const policy = policyFile("rules:\n  production-postgres-ha: false\n");
    // WHEN it is reviewed as Markdown
    expect(await review(["--base-tree", plainBase.tree, "--head-tree", plainHead.tree, "--policy", policy])).toBe(0);
    // THEN neither value is printed, both are masked, and each is a risk that says to write it as { secret: KEY }
    for (const secret of [DRAIN_PASSWORD, HONEYCOMB_KEY]) expect(printed).not.toContain(secret);
    expect(printed).toContain("| url |  | _(sensitive)_ |");
    expect(printed).toContain("| headers.x-honeycomb-team |  | _(sensitive)_ |");
    expect(printed).toContain(
      "- ⚠️ **staging** `heroku_drain.drain_vendor` — url looks like a secret (a URL with a password): write it as { secret: KEY } (`secret-looking-config`)",
    );
    expect(printed).toContain(
      "- ⚠️ **otel** `heroku_telemetry_drain.telemetry_drain_honeycomb` — headers.x-honeycomb-team looks like a secret (the key names a credential): write it as { secret: KEY } (`secret-looking-config`)",
    );
  });

  it("is a violation under secret-looking-config: true", async () => {
    // GIVEN the drains already deployed, and a policy that makes secret-looking values violations
    const policy = policyFile("rules:\n  production-postgres-ha: false\n  secret-looking-config: true\n");
    // WHEN the unchanged estate is reviewed with --fail-on policy
    expect(await review(["--base-tree", plainHead.tree, "--head-tree", plainHead.tree, "--policy", policy, "--fail-on", "policy", "--format", "json"])).toBe(1);
    // THEN both are violations, with the fix
    const reviewed = JSON.parse(printed);
    expect(reviewed.policy.map((v: { environment: string; message: string }) => `${v.environment}: ${v.message}`)).toEqual([
      "otel: headers.x-honeycomb-team looks like a secret (the key names a credential): write it as { secret: KEY }",
      "staging: url looks like a secret (a URL with a password): write it as { secret: KEY }",
    ]);
  });

  it("is refused under secret-looking-config: refuse, at its line, without its value", () => {
    // GIVEN the edited files and a policy that refuses secret-looking config
    const refuse = environmentCheckOptions(loadPolicyConfig(policyFile("rules:\n  secret-looking-config: refuse\n"), true));
    // WHEN the policy's refusals are checked
    const refusals = refusedByPolicy(loadEstate(plainHead.environments), refuse);
    // THEN the drain is refused at its name and the header at its name, each with the fix
    const lineOf = (file: string, start: string) => readFileSync(file, "utf8").split("\n").findIndex((l) => l.startsWith(start)) + 1;
    const otel = join(plainHead.environments, "otel.yaml");
    const staging = join(plainHead.environments, "staging.yaml");
    expect(refusals).toEqual([
      `${otel}:${lineOf(otel, "      x-honeycomb-team:")}:7: telemetryDrains.honeycomb.headers.x-honeycomb-team: looks like a secret (the key names a credential): write it as { secret: KEY } (dynoform.policy.yaml refuses secret-looking config)`,
      `${staging}:${lineOf(staging, "  vendor:")}:3: logDrains.vendor: looks like a secret (a URL with a password): write it as { secret: KEY } (dynoform.policy.yaml refuses secret-looking config)`,
    ]);
    for (const secret of [DRAIN_PASSWORD, HONEYCOMB_KEY]) expect(refusals.join("\n")).not.toContain(secret);
    // AND the same drains written { secret: KEY } are not refused
    expect(refusedByPolicy(loadEstate(drainEstate("drains-secret", { logDrain: "{ secret: LOGS_URL }", header: "{ secret: HONEYCOMB_KEY }" }).environments), refuse)).toEqual([]);
  });
});

describe("dynoform import of an app with secret-looking config", () => {
  it("writes secret-looking vars as secrets, whatever their key, and says why", async () => {
    // GIVEN a live app with a Stripe key under an innocent name, a TTL under a token-ish name and a greeting
    const live = await platform();
    await ok(live, "POST", "/apps", { name: "shop-live" });
    await ok(live, "PATCH", "/apps/shop-live/config-vars", { PAYMENTS: STRIPE_LIVE, TOKEN_TTL: "3600", GREETING: "hello" });
    vi.stubEnv("HEROKU_API_KEY", live.apiKey);
    vi.stubEnv("DYNOFORM_ENVIRONMENTS", base.environments);
    vi.stubEnv("DYNOFORM_HOME", join(project, "home"));
    // WHEN it is imported with --dry-run
    expect(await importCommand(["--app", "shop-live", "--env", "shop", "--api-url", live.url, "--dry-run"])).toBe(0);
    // THEN the Stripe key is a secret, without its value; the TTL and the greeting stay plain config
    expect(printed).not.toContain(STRIPE_LIVE);
    expect(printed).toMatch(/^secrets:\n {2}- PAYMENTS$/m);
    expect(printed).toContain("TOKEN_TTL: \"3600\"");
    expect(printed).toContain("GREETING: hello");
    expect(printed).toContain("note: PAYMENTS is imported as a secret: it looks like one (a Stripe live key)");
  });
});
