import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkEstate, loadEstate, parseEnvironment, SpecError, type LoadedEnvironment } from "../../environment-files";

/** An environment file with a fixed app section plus `rest` (internal helper). */
function environment(file: string, appName: string, rest = ""): LoadedEnvironment {
  const text = `app:\n  name: ${appName}\n  source: https://example.com/demo.tar.gz\n${rest}`;
  const result = parseEnvironment(file, text);
  expect(result.problems).toEqual([]);
  return result.environment as LoadedEnvironment;
}

describe("estate rules", () => {
  it("accepts apps coupled to different stages of one pipeline", () => {
    const staging = environment("environments/staging.yaml", "demo-staging", "pipeline: { name: demo, stage: staging }\n");
    const production = environment("environments/production.yaml", "demo-production", "pipeline: { name: demo, stage: production }\n");
    expect(checkEstate([staging, production])).toEqual([]);
  });

  it("fails when two environments name the same app", () => {
    // GIVEN two files with one app name
    const a = environment("environments/a.yaml", "demo-app");
    const b = environment("environments/b.yaml", "demo-app");
    // THEN the later one is told where the name is taken
    expect(checkEstate([a, b])).toEqual(['environments/b.yaml:2:3: app.name: "demo-app" is already the app of environments/a.yaml']);
  });

  it("fails when two environments claim the same hostname", () => {
    const a = environment("environments/a.yaml", "demo-a", "domains: [www.example.com]\n");
    const b = environment("environments/b.yaml", "demo-b", "domains:\n  - api.example.com\n  - www.example.com\n");
    expect(checkEstate([a, b])).toEqual(['environments/b.yaml:6:5: domains[1]: "www.example.com" is already a domain of environments/a.yaml']);
  });

  it("fails when two environments of one pipeline configure its review apps, at the later one", () => {
    // GIVEN staging and production of one pipeline, each with review apps
    const reviewApps = (stage: string) => `pipeline:\n  name: demo\n  stage: ${stage}\n  reviewApps: { repo: acme/demo }\n`;
    const a = environment("environments/production.yaml", "demo-production", reviewApps("production"));
    const b = environment("environments/staging.yaml", "demo-staging", reviewApps("staging"));
    const other = environment("environments/other.yaml", "demo-other", "pipeline:\n  name: other\n  stage: staging\n  reviewApps: { repo: acme/other }\n");
    // THEN the later one is told where they are configured; another pipeline's are its own
    expect(checkEstate([a, b, other])).toEqual([
      'environments/staging.yaml:7:3: pipeline.reviewApps: pipeline "demo" has its review apps configured in environments/production.yaml already: a pipeline has one review app configuration',
    ]);
  });

  it("accepts several apps in one pipeline stage, as Heroku does", () => {
    // GIVEN two environments coupled to the same stage of one pipeline
    const a = environment("environments/a.yaml", "demo-a", "pipeline: { name: demo, stage: development }\n");
    const b = environment("environments/b.yaml", "demo-b", "pipeline:\n  name: demo\n  stage: development\n");
    // THEN the estate has no problem
    expect(checkEstate([a, b])).toEqual([]);
  });
});

describe("loadEstate", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  /** A scratch environments folder holding `files`, as a path relative to the working directory (internal helper). */
  function folder(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), "dynoform-estate-"));
    mkdirSync(join(dir, "environments"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "environments", name), text);
    return relative(process.cwd(), join(dir, "environments"));
  }

  it("loads every file, sorted by environment name", () => {
    const app = (name: string) => `app:\n  name: ${name}\n  source: https://example.com/demo.tar.gz\n`;
    const envs = loadEstate(folder({ "staging.yaml": app("demo-staging"), "production.yml": app("demo-production"), "notes.txt": "x" }));
    expect(envs.map((e) => e.name)).toEqual(["production", "staging"]);
  });

  it("fails with the problems of every file and of the estate together", () => {
    // GIVEN one broken file and two files sharing an app name
    const shown = folder({
      "a.yaml": "app:\n  name: demo-app\n  source: https://example.com/demo.tar.gz\n",
      "b.yaml": "app:\n  name: demo-app\n  source: https://example.com/demo.tar.gz\n",
      "c.yaml": "app:\n  name: x\n",
    });
    // WHEN the estate is loaded
    // THEN one SpecError lists all of them, a line each
    let error: unknown;
    try {
      loadEstate(shown);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      `${shown}/c.yaml:2:3: app.name: "x" is not a Heroku app name: 3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash`,
      `${shown}/c.yaml:1:1: app.source: is required: a directory, a .tar.gz or an https:// URL to build (only an app brought under code by dynoform import may leave it out)`,
      `${shown}/b.yaml:2:3: app.name: "demo-app" is already the app of ${shown}/a.yaml`,
    ]);
  });

  it("fails on a folder without environment files", () => {
    const shown = folder({});
    expect(() => loadEstate(shown)).toThrow(`${shown}: no environment files (*.yaml)`);
  });
});
