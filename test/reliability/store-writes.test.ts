import { mkdirSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, ok, platform, stopAll } from "../platform/platform-harness";

/**
 * A change is kept only once it is written: a write that fails (here the
 * data file's name taken by a directory, so the new snapshot cannot be
 * renamed over it, as a full disk would stop it) is answered as a failure,
 * logged, and leaves the platform as it was, in memory and on disk. Later
 * writes go on working.
 */
describe("the data file: a write that fails", () => {
  it("is answered with Heroku's 500 and logged under its request id, and changes nothing the platform answers", async () => {
    // GIVEN an app with one config var, on a platform that logs its failures
    const lines: string[] = [];
    const p = await platform({ log: (line) => lines.push(line) });
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "PATCH", "/apps/shop/config-vars", { KEPT: "1" });
    const releases = (await ok(p, "GET", "/apps/shop/releases")).length;
    // AND a directory where the data file is, so that the next write fails
    const file = join(p.dataDir, "platform.json");
    rmSync(file);
    mkdirSync(file);

    // WHEN a config var is set
    const res = await api(p, "PATCH", "/apps/shop/config-vars", { LOST: "2" });

    // THEN it fails with Heroku's 500, logged with its request id
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ id: "internal_server_error", message: "Internal server error." });
    const requestId = res.headers.get("request-id");
    expect(lines.filter((l) => l.includes(`PATCH /apps/shop/config-vars failed request_id=${requestId}`))).toHaveLength(1);
    // AND the platform answers as before the change: no var, no release
    expect(await ok(p, "GET", "/apps/shop/config-vars")).toEqual({ KEPT: "1" });
    expect(await ok(p, "GET", "/apps/shop/releases")).toHaveLength(releases);

    // WHEN the file can be written again, and another var is set
    rmdirSync(file);
    await ok(p, "PATCH", "/apps/shop/config-vars", { NEXT: "3" });

    // THEN that change is kept, and the failed one is not, in the answers and in the file a restart reads
    const expected = { KEPT: "1", NEXT: "3" };
    expect(await ok(p, "GET", "/apps/shop/config-vars")).toEqual(expected);
    await stopAll();
    const restarted = await platform({ dataDir: p.dataDir });
    expect(await ok(restarted, "GET", "/apps/shop/config-vars")).toEqual(expected);
    expect(await ok(restarted, "GET", "/apps/shop/releases")).toHaveLength(releases + 1);
  });
});
