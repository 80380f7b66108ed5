import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { YAML_MAX_BYTES } from "../../environment-files";

/**
 * Every YAML file dynoform is given (environment files, dynoform.yaml,
 * dynoform.policy.yaml) is read in bounds: too large, nested too deeply or
 * an alias bomb is one located line from the real command, like any other
 * mistake, and never an exception or a crashed process.
 */
const BIN = resolve("bin/dynoform.js");
const scratch = mkdtempSync(join(tmpdir(), "dynoform-yaml-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VALID = "app:\n  name: demo-staging\n  source: https://example.com/demo.tar.gz\n";
/** Ten aliases of ten aliases of ten values, five times over: a tiny text, a huge value. */
const BOMB = `a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
`;

/** A scratch project with these files, by path (internal helper). */
function project(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** `dynoform ARGS` run in `dir`, as a user runs it there (internal helper). */
function dynoform(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

describe("YAML files in bounds", () => {
  it("refuses an environment file larger than the cap in one located line", () => {
    // GIVEN a valid file padded past the cap with a comment
    const dir = project("large", { "environments/staging.yaml": VALID + `# ${"x".repeat(YAML_MAX_BYTES)}\n` });
    // WHEN the estate is synthesized
    const result = dynoform(dir, "synth");
    // THEN its size is named, and nothing else is said
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`environments/staging.yaml:1:1: the file is 257 KiB: dynoform reads YAML files of at most 256 KiB`);
  });

  it("refuses an environment file that is not a plain file, where reading would fail or never end", () => {
    // GIVEN a folder named like an environment file beside a valid one
    const dir = project("folder", { "environments/production.yaml": VALID.replace("staging", "production") });
    mkdirSync(join(dir, "environments", "staging.yaml"));
    // WHEN the estate is synthesized
    const result = dynoform(dir, "synth");
    // THEN it is one located line, not an exception
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("environments/staging.yaml:1:1: is not a file: dynoform reads YAML from plain files only");
  });

  it("refuses an alias bomb in dynoform.yaml at its first alias", () => {
    // GIVEN a valid estate and a dynoform.yaml that expands to a hundred thousand values
    const dir = project("bomb", { "environments/staging.yaml": VALID, "dynoform.yaml": BOMB });
    // WHEN the estate is synthesized
    const result = dynoform(dir, "synth");
    // THEN one located line, no exception
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("dynoform.yaml:2:8: *a: aliases expand to more than 100 copies of anchored values (a YAML alias bomb): write the values out");
  });

  it("refuses a policy file that is an alias bomb or too large, located, before reviewing anything", () => {
    // GIVEN a bomb and an oversized policy file
    const dir = project("policy", { "bomb.yaml": BOMB, "large.yaml": `# ${"x".repeat(YAML_MAX_BYTES)}\n` });
    // WHEN review reads each
    const bomb = dynoform(dir, "review", "--base", "HEAD", "--policy", "bomb.yaml");
    const large = dynoform(dir, "review", "--base", "HEAD", "--policy", "large.yaml");
    // THEN each is one located line
    expect(bomb.status).toBe(1);
    expect(bomb.stderr.trim()).toBe("dynoform: bomb.yaml:2:8: *a: aliases expand to more than 100 copies of anchored values (a YAML alias bomb): write the values out");
    expect(large.status).toBe(1);
    expect(large.stderr.trim()).toBe("dynoform: large.yaml:1:1: the file is 257 KiB: dynoform reads YAML files of at most 256 KiB");
  });

  it("refuses nesting thousands of levels deep, where the yaml parser runs out of stack, in one located line per file", () => {
    // GIVEN two files nested deeper than the yaml parser's recursion reaches (twice in one process has aborted Node), each well under the size cap
    const deep = (depth: number) => `${VALID}config: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    const dir = project("deep", { "environments/production.yaml": deep(5000), "environments/staging.yaml": deep(10000) });
    // WHEN the estate is synthesized
    const result = dynoform(dir, "synth");
    // THEN each file gets one located line at the collection past the limit
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "environments/production.yaml:4:72: nested more than 64 levels deep: dynoform reads YAML nested at most 64 levels",
      "environments/staging.yaml:4:72: nested more than 64 levels deep: dynoform reads YAML nested at most 64 levels",
    ]);
  });
});
