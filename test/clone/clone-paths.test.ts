import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writePreviewEnvironment } from "../../clone/preview-environment";
import { loadEstate } from "../../environment-files";
import { UserError } from "../../lib/user-error";

/**
 * Where clones are written and what their relative paths name: `dynoform
 * clone` writes beside its source in environments/ and nowhere else; a
 * preview is written to a folder of its own outside environments/, and its
 * relative `source:` still names the directory the original builds, in the
 * form its own folder needs. A `--set` value is read like any YAML dynoform is given.
 */
const BIN = resolve("bin/dynoform.js");
const scratch = mkdtempSync(join(tmpdir(), "dynoform-clone-paths-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose staging builds `source` (as written), its app in `app #2` (internal helper). */
function project(name: string, source = '"../app #2"'): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "app #2"), { recursive: true });
  writeFileSync(join(dir, "app #2", "Procfile"), "web: gunicorn app:app\n");
  mkdirSync(join(dir, "environments"));
  writeFileSync(
    join(dir, "environments", "staging.yaml"),
    `app:\n  name: shop-staging\n  source: ${source} # the app\nformation:\n  web: { size: basic }\npipeline: { name: shop, stage: staging }\n`,
  );
  return dir;
}

/** `dynoform clone ARGS` in the project, as a user runs it there (internal helper). */
function clone(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, "clone", ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

describe("paths in a clone", () => {
  it("keeps a relative source as written when the clone sits beside its original", () => {
    // GIVEN a project with staging
    const dir = project("beside");
    // WHEN it is cloned to qa
    expect(clone(dir, "staging", "qa").status).toBe(0);
    // THEN the line is unchanged, and qa builds what staging builds
    expect(readFileSync(join(dir, "environments", "qa.yaml"), "utf8")).toContain('  source: "../app #2" # the app\n');
    const estate = loadEstate(join(dir, "environments"));
    expect(estate.map((e) => e.spec.app.source)).toEqual([join(dir, "app #2"), join(dir, "app #2")]);
  });

  it("re-points a relative source in a preview written elsewhere", () => {
    // GIVEN the example estate, whose staging builds ../apps/flask-demo, and a preview folder outside the project
    const previews = join(scratch, "home", "previews", "pr-1");
    mkdirSync(previews, { recursive: true });
    // WHEN a preview of staging is written there
    const file = writePreviewEnvironment(loadEstate("environments"), "staging", "pr-1", previews);
    // THEN read from its own folder, it builds the directory staging builds, still in the plain form
    const [preview] = loadEstate(previews);
    expect(preview.spec.app.source).toBe(resolve("apps/flask-demo"));
    expect(readFileSync(file, "utf8")).toMatch(/^ {2}source: \.\.\/\S*apps\/flask-demo\b/m);
  });

  it("writes a preview's source in the explicit form when from its folder it is outside the project, whatever characters its path holds", () => {
    // GIVEN an estate kept outside the working directory, building "app #2" beside its environments folder
    const dir = project("preview");
    const previews = join(scratch, "home", "previews", "pr-2");
    mkdirSync(previews, { recursive: true });
    // WHEN a preview of staging is written to a folder outside that estate's project
    const file = writePreviewEnvironment(loadEstate(join(dir, "environments")), "staging", "pr-2", previews);
    // THEN the copy says its source is outside, names the same directory, and keeps its comment
    expect(readFileSync(file, "utf8")).toContain(`  source: {path: "${relative(previews, join(dir, "app #2"))}", outsideProject: true} # the app\n`);
    expect(loadEstate(previews).map((e) => e.spec.app.source)).toEqual([join(dir, "app #2")]);
  });

  it("keeps the explicit form of a source outside the project in a preview, re-pointing its path", () => {
    // GIVEN staging building a directory outside its project, as the file says
    const outside = join(scratch, "elsewhere", "app");
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, "Procfile"), "web: gunicorn app:app\n");
    const dir = project("explicit", "{ path: ../../elsewhere/app, outsideProject: true }");
    const previews = join(dir, "home", "previews", "pr-3");
    mkdirSync(previews, { recursive: true });
    // WHEN a preview of staging is written outside environments/
    const file = writePreviewEnvironment(loadEstate(join(dir, "environments")), "staging", "pr-3", previews);
    // THEN it still says so, and loads as an estate of its own building that directory
    expect(readFileSync(file, "utf8")).toContain("  source: {path: ../../../../elsewhere/app, outsideProject: true} # the app\n");
    expect(loadEstate(previews).map((e) => e.spec.app.source)).toEqual([outside]);
  });

  it("refuses an override that points the source out of the project, writing nothing", () => {
    // GIVEN a project with staging, and a directory beside the project
    const dir = project("set-outside");
    mkdirSync(join(scratch, "beside-app"), { recursive: true });
    // WHEN qa is cloned with its source set there
    const result = clone(dir, "staging", "qa", "--set", "app.source=../../beside-app");
    // THEN the clone is refused with the located line the estate would print, and no file is written
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environments/qa.yaml:3:3: app.source: "../../beside-app" is outside the project');
    expect(existsSync(join(dir, "environments", "qa.yaml"))).toBe(false);
  });

  it("refuses an override whose value is not YAML it can read, in one line instead of an exception", () => {
    // GIVEN a project with staging
    const dir = project("set-alias");
    // WHEN qa is cloned with a value that is an alias to nothing
    const result = clone(dir, "staging", "qa", "--set", "app.name=*shop");
    // THEN the value is named, without a stack trace, and no file is written
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('dynoform: the clone would not be valid:\n--set "app.name=*shop":1:1: *shop: no anchor &shop is defined before this alias');
    expect(existsSync(join(dir, "environments", "qa.yaml"))).toBe(false);
  });

  it("refuses a preview name that would lead out of its folder, writing nothing", () => {
    // GIVEN a project with staging and an empty preview folder
    const dir = project("preview-name");
    const previews = join(dir, "home", "previews", "x");
    mkdirSync(previews, { recursive: true });
    // WHEN a preview named to climb out is asked for THEN it is refused, and nothing is written anywhere
    expect(() => writePreviewEnvironment(loadEstate(join(dir, "environments")), "staging", "../../../escaped", previews)).toThrow(UserError);
    expect(readdirSync(previews)).toEqual([]);
    expect(readdirSync(join(dir, "home"))).toEqual(["previews"]);
  });
});
