import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate } from "../../environment-files";

/**
 * An environment file's build source is read without following a link out
 * of it: what a link names outside the directory would otherwise be copied
 * into the synthesized stack and uploaded to Heroku. Each case is a scratch
 * project (environments/staging.yaml building apps/demo) run through the
 * real `dynoform synth`, which refuses before cdktf runs.
 */
const BIN = resolve("bin/dynoform.js");
const scratch = mkdtempSync(join(tmpdir(), "dynoform-links-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STAGING = "app:\n  name: demo-staging\n  source: ../apps/demo\nformation:\n  web: { size: basic }\n";

/** A scratch project whose app source is apps/demo with a Procfile; returns its folder (internal helper). */
function project(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "apps", "demo"), { recursive: true });
  writeFileSync(join(dir, "apps", "demo", "Procfile"), "web: gunicorn app:app\n");
  mkdirSync(join(dir, "environments"));
  writeFileSync(join(dir, "environments", "staging.yaml"), STAGING);
  return dir;
}

/** `dynoform synth` in the project, as a user runs it there (internal helper). */
function synth(dir: string) {
  return spawnSync(process.execPath, [BIN, "synth"], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

describe("links in an environment file's build source", () => {
  it("refuses a link to a private file outside the source, on the source: line, and synthesizes nothing", () => {
    // GIVEN a private file outside the project, and a link to it inside the app source
    const dir = project("private-file");
    const secret = join(scratch, "id_rsa");
    writeFileSync(secret, "PRIVATE KEY\n");
    mkdirSync(join(dir, "apps", "demo", "config"));
    symlinkSync(secret, join(dir, "apps", "demo", "config", "key.pem"));
    // WHEN the estate is synthesized
    const result = synth(dir);
    // THEN one located line names the link and where it leads, and no stack was written
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `environments/staging.yaml:3:3: app.source: "apps/demo/config/key.pem" links to ${JSON.stringify(secret)}, outside the build source "apps/demo": a source is read without following links out of it; copy what it needs inside`,
    );
    expect(existsSync(join(dir, "cdktf.out"))).toBe(false);
  });

  it("refuses a link back to a directory it is in as a loop, without crashing", () => {
    // GIVEN a link in the source to its own parent
    const dir = project("loop");
    mkdirSync(join(dir, "apps", "demo", "lib"));
    symlinkSync("..", join(dir, "apps", "demo", "lib", "up"));
    // WHEN the estate is synthesized
    const result = synth(dir);
    // THEN the loop is one located line, not a stack overflow
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('environments/staging.yaml:3:3: app.source: "apps/demo/lib/up" links to "..", a directory it is in: a link loop');
  });

  it("refuses two links that name each other, and a link to nothing", () => {
    // GIVEN one source with a pair of links naming each other, another with a dangling link
    const pair = project("pair");
    symlinkSync("b", join(pair, "apps", "demo", "a"));
    symlinkSync("a", join(pair, "apps", "demo", "b"));
    const dangling = project("dangling");
    symlinkSync("build/output.js", join(dangling, "apps", "demo", "main.js"));
    // WHEN each estate is synthesized
    // THEN each names its link in one located line
    expect(synth(pair).stderr.trim()).toBe('environments/staging.yaml:3:3: app.source: "apps/demo/a" links to "b", which leads back to itself: a link loop');
    expect(synth(dangling).stderr.trim()).toBe('environments/staging.yaml:3:3: app.source: "apps/demo/main.js" links to "build/output.js", which does not exist');
  });

  it("accepts links that stay inside the source", () => {
    // GIVEN a source whose links name a file and a directory of its own
    const dir = project("inside");
    mkdirSync(join(dir, "apps", "demo", "shared"));
    writeFileSync(join(dir, "apps", "demo", "shared", "settings.py"), "DEBUG = False\n");
    symlinkSync("shared/settings.py", join(dir, "apps", "demo", "settings.py"));
    symlinkSync("shared", join(dir, "apps", "demo", "static"));
    // WHEN the estate is loaded
    const [staging] = loadEstate(join(dir, "environments"));
    // THEN the file is valid and builds that directory
    expect(staging.spec.app.source).toBe(join(dir, "apps", "demo"));
  });
});
