import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnvironment } from "../../environment-files";

/**
 * The corpus of bad environment files: each has one mistake and states, on
 * its first line, the exact located message dynoform must print for it.
 */
const DIR = "test/environment-files/bad";
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function expectedMessage(text: string): string {
  const match = /^# expect: (.*)$/m.exec(text);
  if (!match) throw new Error("a bad file must state its message on a '# expect: ' line");
  return match[1];
}

describe("bad environment files", () => {
  it("has a corpus of at least 40 files", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)("fails on %s with its located message", (name) => {
    // GIVEN a file with one mistake and its expected message
    const file = join(DIR, name);
    const text = readFileSync(file, "utf8");
    // WHEN it is parsed
    const result = parseEnvironment(file, text);
    // THEN exactly that message is reported, and no environment
    expect(result.problems).toEqual([expectedMessage(text)]);
    expect(result.environment).toBeUndefined();
  });
});
