import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../lib/atomic-file";

describe("writeFileAtomic", () => {
  it("replaces the content, creates missing folders, leaves no temporary file and applies the mode", () => {
    // GIVEN a file written once
    const dir = mkdtempSync(join(tmpdir(), "dynoform-atomic-"));
    const path = join(dir, "nested", "state.json");
    writeFileAtomic(path, "old");
    // WHEN it is written again
    writeFileAtomic(path, "new", 0o640);
    // THEN only the new content is there, with no leftover temporary file
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(join(dir, "nested"))).toEqual(["state.json"]);
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});
