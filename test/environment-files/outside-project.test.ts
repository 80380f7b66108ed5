import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate, SpecError } from "../../environment-files";

/**
 * An environment file whose source lies outside the project says so: the
 * plain `source: PATH` names something in the project (where dynoform runs,
 * or the folder holding the environments folder), and
 * `source: { path, outsideProject: true }` anything else. Where a source
 * lies is where it really is, through any link on the way.
 */
const BIN = resolve("bin/dynoform.js");
const scratch = mkdtempSync(join(tmpdir(), "dynoform-outside-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A source with a Procfile outside every project of this test, under `name` (internal helper). */
function elsewhere(name: string): string {
  const dir = join(scratch, "elsewhere", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Procfile"), "web: gunicorn app:app\n");
  return dir;
}

/** A scratch project whose staging builds `source` (YAML, as written); returns its folder (internal helper). */
function project(name: string, source: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "environments"), { recursive: true });
  writeFileSync(join(dir, "environments", "staging.yaml"), `app:\n  name: demo-staging\n  source: ${source}\nformation:\n  web: { size: basic }\n`);
  return dir;
}

/** The located problems of loading a project's estate (internal helper). */
function problems(dir: string): readonly string[] {
  try {
    loadEstate(join(dir, "environments"));
    return [];
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
}

describe("a build source outside the project", () => {
  it("is refused in the plain form, located, with the form that builds it", () => {
    // GIVEN a project whose staging builds a directory beside the project
    const source = elsewhere("plain");
    const dir = project("plain", "../../elsewhere/plain");
    // WHEN the estate is synthesized there
    const result = spawnSync(process.execPath, [BIN, "synth"], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    // THEN one line names the path, where it is, and what to write instead
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `environments/staging.yaml:3:3: app.source: "../../elsewhere/plain" is outside the project (it is ${realpathSync(source)}): write source: { path: ../../elsewhere/plain, outsideProject: true } to build it from there`,
    );
  });

  it("is built when the file says so", () => {
    // GIVEN the same kind of source, written in the explicit form
    const source = elsewhere("explicit");
    const dir = project("explicit", "{ path: ../../elsewhere/explicit, outsideProject: true }");
    // WHEN the estate is loaded
    const [staging] = loadEstate(join(dir, "environments"));
    // THEN it builds that directory
    expect(staging.spec.app.source).toBe(source);
  });

  it("is judged where the source really is: a link in the project to a directory outside it is outside", () => {
    // GIVEN a project whose apps/ is a link to a folder outside it
    elsewhere("linked");
    const dir = project("linked", "../apps/linked");
    symlinkSync(join(scratch, "elsewhere"), join(dir, "apps"));
    // WHEN the estate is loaded THEN the plain form is refused, naming where the source is
    expect(problems(dir)).toEqual([
      `${join(dir, "environments", "staging.yaml")}:3:3: app.source: "../apps/linked" is outside the project (it is ${realpathSync(join(scratch, "elsewhere", "linked"))}): write source: { path: ../apps/linked, outsideProject: true } to build it from there`,
    ]);
  });

  it("is not claimed for a source inside the project", () => {
    // GIVEN a project whose own apps/demo is written in the explicit form
    const dir = project("claimed", "{ path: ../apps/demo, outsideProject: true }");
    mkdirSync(join(dir, "apps", "demo"), { recursive: true });
    // WHEN the estate is loaded THEN the form is refused for what it says
    expect(problems(dir)).toEqual([
      `${join(dir, "environments", "staging.yaml")}:3:3: app.source: "../apps/demo" is inside the project: write it as source: ../apps/demo, without outsideProject`,
    ]);
  });
});
