import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cloneAppName, cloneEnvironment } from "../../clone/clone-environment";
import { lineDiff } from "../../clone/line-diff";
import { CLONE_PROFILES, rewriteHostname } from "../../clone/profiles";
import { loadEstate, parseEnvironment, type LoadedEnvironment } from "../../environment-files";

const STAGING = `# Staging: comments survive a clone.
app:
  name: shop-staging
  region: eu
  source: ../app
  acm: true
  features: [preboot]

# plain settings
config:
  LOG_LEVEL: debug

secrets: [SECRET_KEY]

formation:
  web: {size: standard-1x, quantity: 3} # busy
  worker: { size: standard-1x, quantity: 2 }

addons:
  - service: postgres
    plan: standard-0
    version: 16
  - service: redis
    plan: premium-0

domains: [www.shop.example.com]

pipeline: { name: shop, stage: staging }
`;

/** A project folder with environments/staging.yaml and the app source it builds (internal helper). */
function project(): { dir: string; staging: LoadedEnvironment } {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-clone-"));
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Procfile"), "web: gunicorn app:app\nworker: python worker.py\n");
  mkdirSync(join(dir, "environments"));
  const file = join(dir, "environments", "staging.yaml");
  writeFileSync(file, STAGING);
  const parsed = parseEnvironment(file, STAGING);
  if (!parsed.environment) throw new Error(parsed.problems.join("\n"));
  return { dir, staging: parsed.environment };
}

function clone(profile: string, sets: string[] = [], name = "qa") {
  const { dir, staging } = project();
  return cloneEnvironment({
    source: staging,
    sourceText: STAGING,
    name,
    file: join(dir, "environments", `${name}.yaml`),
    profile: CLONE_PROFILES[profile],
    sets,
    estate: [staging],
  });
}

describe("dynoform clone", () => {
  it("scales a qa copy down, drops domains, recouples it, and keeps comments and key order", () => {
    // GIVEN staging with standard dynos, large plans, a domain and a pipeline stage
    // WHEN it is cloned with the qa profile
    const result = clone("qa");
    // THEN the copy is small, has its own app name, no domain, the development stage, and the source's comments
    expect(result.problems).toEqual([]);
    const text = result.text!;
    expect(text).toContain("# Staging: comments survive a clone.");
    expect(text).toContain("# plain settings");
    expect(text).toContain("name: shop-qa");
    expect(text).toContain("web: {size: basic, quantity: 1} # busy");
    expect(text).toContain("worker: {size: basic, quantity: 1}");
    expect(text).toContain("plan: essential-0");
    expect(text).toContain("plan: mini");
    expect(text).not.toContain("domains");
    expect(text).not.toContain("preboot");
    expect(text).not.toContain("acm");
    expect(text).toContain("pipeline: {name: shop, stage: development}");
    expect(text.indexOf("app:")).toBeLessThan(text.indexOf("config:"));
    expect(text.indexOf("formation:")).toBeLessThan(text.indexOf("addons:"));
  });

  it("leaves the pipeline's review apps to the source, which configures them", () => {
    // GIVEN staging configuring its pipeline's review apps
    const { dir } = project();
    const text = STAGING.replace("pipeline: { name: shop, stage: staging }", "pipeline:\n  name: shop\n  stage: staging\n  reviewApps: { repo: acme/shop }");
    const file = join(dir, "environments", "staging.yaml");
    writeFileSync(file, text);
    const staging = parseEnvironment(file, text).environment!;
    // WHEN it is cloned into the development stage of the same pipeline
    const result = cloneEnvironment({ source: staging, sourceText: text, name: "qa", file: join(dir, "environments", "qa.yaml"), profile: CLONE_PROFILES.qa, sets: [], estate: [staging] });
    // THEN the copy is coupled without review apps, so the estate still has one configuration per pipeline
    expect(result.problems).toEqual([]);
    expect(result.text).toContain("stage: development");
    expect(result.text).not.toContain("reviewApps");
  });

  it("keeps secrets as keys only, so the copy gets new variables and no value", () => {
    const text = clone("review", [], "pr-42").text!;
    expect(text).toContain("secrets: [SECRET_KEY]");
    expect(text).toContain("size: eco");
    expect(text).toContain("stage: review");
  });

  it("mirrors sizes and plans, rewrites hostnames and leaves the pipeline", () => {
    const text = clone("mirror", [], "rehearsal").text!;
    expect(text).toContain("web: {size: standard-1x, quantity: 3}");
    expect(text).toContain("plan: standard-0");
    expect(text).toContain("domains: [www-rehearsal.shop.example.com]");
    expect(text).not.toContain("pipeline");
  });

  it("applies --set overrides last", () => {
    const text = clone("qa", ["formation.web.quantity=0", "config.LOG_LEVEL=info"]).text!;
    expect(text).toContain("web: {size: basic, quantity: 0}");
    expect(text).toContain("LOG_LEVEL: info");
  });

  it("is deterministic", () => {
    expect(clone("qa").text).toBe(clone("qa").text);
  });

  it("fails when an override breaks a Heroku rule, with the located message of the new file", () => {
    const result = clone("qa", ["formation.web.quantity=2"]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/qa\.yaml:\d+:\d+: formation\.web\.quantity: /);
  });

  it("fails on an override that is not path=value", () => {
    expect(clone("qa", ["formation.web.quantity"]).problems).toEqual([
      '--set "formation.web.quantity" is not path=value (e.g. formation.web.quantity=2)',
    ]);
  });

  it("fails on a name that collides with an existing environment", () => {
    expect(clone("qa", [], "staging").problems[0]).toMatch(/^environment "staging" already exists/);
  });

  it("names the clone's app after the new environment", () => {
    expect(cloneAppName("flask-demo-staging", "staging", "qa")).toBe("flask-demo-qa");
    expect(cloneAppName("flask-demo", "staging", "qa")).toBe("flask-demo-qa");
    expect(cloneAppName("shop-eu", "staging", "qa")).toBe("shop-eu-qa");
  });

  it("rewrites hostnames by pattern", () => {
    expect(rewriteHostname("{first}-{env}.{rest}", "www.example.com", "qa")).toBe("www-qa.example.com");
    expect(rewriteHostname("{env}.{host}", "example.com", "qa")).toBe("qa.example.com");
  });

  it("shows a dry run as a line diff", () => {
    expect(lineDiff("a\nb\nc", "a\nx\nc", "from", "to")).toBe(["--- from", "+++ to", "  a", "- b", "+ x", "  c"].join("\n"));
  });

  it("writes the file from the command line, and refuses to overwrite it", () => {
    // GIVEN a project with staging
    const { dir } = project();
    const bin = join(__dirname, "..", "..", "bin", "dynoform.js");
    // WHEN clone runs twice
    execFileSync(process.execPath, [bin, "clone", "staging", "qa"], { cwd: dir });
    const again = spawnSync(process.execPath, [bin, "clone", "staging", "qa"], { cwd: dir, encoding: "utf8" });
    // THEN the first wrote a valid file and the second refused
    expect(existsSync(join(dir, "environments", "qa.yaml"))).toBe(true);
    const written = join(dir, "environments", "qa.yaml");
    expect(parseEnvironment(written, readFileSync(written, "utf8")).problems).toEqual([]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("environments/qa.yaml already exists: pick another name");
  });

  it("clones staging to qa1 and then qa2, both in the development stage, and the estate still loads", () => {
    // GIVEN a project with staging
    const { dir } = project();
    const bin = join(__dirname, "..", "..", "bin", "dynoform.js");
    // WHEN two QA copies are cloned one after the other
    execFileSync(process.execPath, [bin, "clone", "staging", "qa1"], { cwd: dir });
    execFileSync(process.execPath, [bin, "clone", "staging", "qa2"], { cwd: dir });
    // THEN both share the development stage of the pipeline (Heroku allows several apps per stage)
    const estate = loadEstate(join(dir, "environments"));
    const stages = Object.fromEntries(estate.map((e) => [e.name, e.spec.pipeline?.stage]));
    expect(stages).toEqual({ qa1: "development", qa2: "development", staging: "staging" });
    expect(estate.map((e) => e.spec.app.name).sort()).toEqual(["shop-qa1", "shop-qa2", "shop-staging"]);
  });

  it("refuses a name that would lead out of environments/, writing nothing anywhere", () => {
    // GIVEN a project with staging, and a name that climbs out of environments/ with a valid app name set
    const { dir } = project();
    const bin = join(__dirname, "..", "..", "bin", "dynoform.js");
    // WHEN clone is asked for it
    const result = spawnSync(process.execPath, [bin, "clone", "staging", "../../escaped", "--set", "app.name=escaped-app"], { cwd: dir, encoding: "utf8" });
    // THEN it is refused in one line, by the name, and no file was written
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('dynoform: "../../escaped" is not an environment name: lowercase letters, digits and dashes, starting with a letter');
    expect(existsSync(join(dir, "escaped.yaml"))).toBe(false);
    expect(existsSync(join(dir, "..", "escaped.yaml"))).toBe(false);
  });
});

