import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(__dirname, "..", "..", "bin", "dynoform.js");
const dynoform = (...args: string[]) => spawnSync(process.execPath, [bin, "platform", ...args], { encoding: "utf8" });

describe("dynoform platform", () => {
  it("starts detached, prints its env (with the key) for Terraform and the heroku CLI, and stops", async () => {
    // GIVEN a fresh data dir
    const data = mkdtempSync(join(tmpdir(), "dynoform-platform-cli-"));
    // WHEN the platform is started, its env read, an API call made with it, and it is stopped
    const started = dynoform("start", "--data", data, "--port", "0");
    try {
      expect(started.status).toBe(0);
      expect(started.stdout).not.toMatch(/[0-9a-f]{48}/);
      const env = Object.fromEntries(
        execFileSync(process.execPath, [bin, "platform", "env", "--data", data], { encoding: "utf8" })
          .trim()
          .split("\n")
          .map((line) => line.replace(/^export /, "").split("=", 2)),
      );
      expect(Object.keys(env)).toEqual(expect.arrayContaining(["HEROKU_API_URL", "HEROKU_HOST", "HEROKU_API_KEY", "HEROKU_PARTICLEBOARD_URL", "HEROKU_DATA_HOST"]));
      const account = await fetch(`${env.HEROKU_API_URL}/account`, {
        headers: { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${env.HEROKU_API_KEY}` },
      });
      expect(account.status).toBe(200);
      const status = dynoform("status", "--data", data).stdout;
      expect(status).toContain("running on http://127.0.0.1:");
      // AND status says what runs behind the data add-ons, or that they are records only and what to install
      expect(status).toMatch(/^Heroku Postgres: PostgreSQL \d+\.\d+ from .*, on 127\.0\.0\.1, run as .*$|^Heroku Postgres add-ons are kept as records only: .*$/m);
      expect(status).toMatch(/^Heroku Redis: redis-server .*$|^Heroku Redis add-ons are kept as records only: .*$/m);
    } finally {
      dynoform("stop", "--data", data);
    }
    // THEN it is gone once stop returns: stop waits for the platform (and its data servers) to end
    expect(dynoform("status", "--data", data).status).toBe(3);
  });

  it("says in one line which add-ons are records only when the data servers are off, and why", () => {
    // GIVEN a fresh data dir, and data servers turned off
    const data = mkdtempSync(join(tmpdir(), "dynoform-platform-records-"));
    const env = { ...process.env, DYNOFORM_DATA_SERVERS: "off" };
    // WHEN the platform starts
    const started = spawnSync(process.execPath, [bin, "platform", "start", "--data", data, "--port", "0"], { encoding: "utf8", env });
    try {
      expect(started.status).toBe(0);
      // THEN status says so, in one line
      expect(dynoform("status", "--data", data).stdout).toContain("data servers are off: Heroku Postgres and Heroku Redis add-ons are records only\n");
    } finally {
      dynoform("stop", "--data", data);
    }
  });

  it("fails to print env when nothing runs", () => {
    const result = dynoform("env", "--data", mkdtempSync(join(tmpdir(), "dynoform-platform-none-")));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no platform is running for");
  });
});
