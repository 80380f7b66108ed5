import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve("bin/dynoform.js");
const scratch = mkdtempSync(join(tmpdir(), "dynoform-synth-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `dynoform synth …` in a scratch project whose environments/ holds `files` (internal helper). */
function synthIn(name: string, files: Record<string, string>, args: string[] = []) {
  const project = join(scratch, name);
  mkdirSync(join(project, "environments"), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(project, "environments", file), text);
  return spawnSync(process.execPath, [BIN, "synth", ...args], { cwd: project, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

describe("dynoform synth", () => {
  it("fails on a bad environment file with the located message only", () => {
    // GIVEN an environment with a misspelt dyno size
    const text = "app:\n  name: demo-app\n  source: https://example.com/demo.tar.gz\nformation:\n  web:\n    size: standard-3x\n";
    // WHEN synthesized
    const result = synthIn("bad-size", { "staging.yaml": text });
    // THEN it exits 1 and prints the located line, no stack trace
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'environments/staging.yaml:6:5: formation.web.size: "standard-3x" is not a dyno size (did you mean standard-2x?)',
    );
  });

  it("fails on an unknown target before reading anything", () => {
    const result = synthIn("bad-target", {}, ["--target", "aws"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('dynoform: --target "aws" is not local or heroku');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
