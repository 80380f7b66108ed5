import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(__dirname, "..", "..", "bin", "dynoform.js");
const dynoform = (...args: string[]) => spawnSync(process.execPath, [bin, "platform", ...args], { encoding: "utf8" });

describe("dynoform platform: the account's team", () => {
  it("is named by status, and by env on stderr (its stdout stays exports only)", async () => {
    // GIVEN a platform started on a fresh data dir
    const data = mkdtempSync(join(tmpdir(), "dynoform-platform-team-"));
    expect(dynoform("start", "--data", data, "--port", "0").status).toBe(0);
    try {
      // WHEN its status and env are printed
      const status = dynoform("status", "--data", data);
      const env = dynoform("env", "--data", data);
      // THEN both name the team
      expect(status.stdout).toMatch(/running on http:\/\/127\.0\.0\.1:\d+ \(pid \d+, data in .*, team dynoform-team\)/);
      expect(env.status).toBe(0);
      expect(env.stderr).toContain("# the account's team (organization.name, or team: in an environment file): dynoform-team");
      expect(
        env.stdout
          .trim()
          .split("\n")
          .every((line) => line.startsWith("export "))
      ).toBe(true);
    } finally {
      dynoform("stop", "--data", data);
    }
  }, 60_000);
});
