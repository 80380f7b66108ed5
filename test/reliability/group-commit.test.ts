import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../platform/state/apps";
import { openPlatformData } from "../../platform/state/platform-data";
import { api, ok, platform, stopAll } from "../platform/platform-harness";

/**
 * Writes are group commits: changes that arrive while a write is under way
 * are applied in order and written together by the next write. Each request
 * is answered only once the write holding its change is durable; a write
 * that fails rolls back every change of its group and answers each with the
 * failure; and the fields a group changed are checked before it is written,
 * so a record of the wrong shape is refused and the file keeps the last good document.
 */
const ROOT = join(__dirname, "..", "..");

describe("the data file: group commits", () => {
  it("keeps every change of concurrent requests once they are answered, across kill -9", async () => {
    // GIVEN a platform in a child process, with an app
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-group-kill-"));
    const script = `require("tsx/cjs"); require(${JSON.stringify(join(ROOT, "platform"))}).startPlatform({ dataDir: ${JSON.stringify(dataDir)}, port: 0 }).then((p) => console.log(JSON.stringify({ url: p.url, apiKey: p.apiKey })));`;
    const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const started = await new Promise<{ url: string; apiKey: string }>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()))));
    expect((await api(started, "POST", "/apps", { name: "shop" })).status).toBe(201);

    // WHEN 20 apps and 20 config vars are asked for at once, all answered, and the platform is then killed without warning
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => api(started, "POST", "/apps", { name: `app-${i}` })),
      ...Array.from({ length: 20 }, (_, i) => api(started, "PATCH", "/apps/shop/config-vars", { [`VAR_${i}`]: String(i) })),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(20).fill(200), ...Array(20).fill(201)]);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    // THEN a new platform on the same data has every app and every var, each var with its release
    const again = await platform({ dataDir });
    const names = (await ok(again, "GET", "/apps")).map((a: { name: string }) => a.name);
    expect(names.sort()).toEqual(["shop", ...Array.from({ length: 20 }, (_, i) => `app-${i}`)].sort());
    expect(await ok(again, "GET", "/apps/shop/config-vars")).toEqual(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`VAR_${i}`, String(i)])));
    expect(await ok(again, "GET", "/apps/shop/releases")).toHaveLength(21);
  });

  it("rolls back every change of a group whose write fails, answers each with the failure, and writes the next ones", async () => {
    // GIVEN an app with one config var, and a directory where the data file is, so that the next writes fail
    const p = await platform({ log: () => undefined });
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "PATCH", "/apps/shop/config-vars", { KEPT: "1" });
    const file = join(p.dataDir, "platform.json");
    rmSync(file);
    mkdirSync(file);

    // WHEN ten config vars and an app are asked for at once: the first write holds one of them, the next all the others
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => api(p, "PATCH", "/apps/shop/config-vars", { [`LOST_${i}`]: "x" })),
      api(p, "POST", "/apps", { name: "lost" }),
    ]);

    // THEN each is answered with Heroku's 500
    for (const answer of answers) {
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({ id: "internal_server_error", message: "Internal server error." });
    }
    // AND none of them is seen: no var, no release, no app
    expect(await ok(p, "GET", "/apps/shop/config-vars")).toEqual({ KEPT: "1" });
    expect(await ok(p, "GET", "/apps/shop/releases")).toHaveLength(2);
    expect((await api(p, "GET", "/apps/lost")).status).toBe(404);

    // WHEN the file can be written again, and two vars are asked for at once
    rmdirSync(file);
    await Promise.all([ok(p, "PATCH", "/apps/shop/config-vars", { NEXT: "2" }), ok(p, "PATCH", "/apps/shop/config-vars", { LAST: "3" })]);

    // THEN those are kept, in the answers and in the file a restart reads, and the failed ones are not
    const expected = { KEPT: "1", NEXT: "2", LAST: "3" };
    expect(await ok(p, "GET", "/apps/shop/config-vars")).toEqual(expected);
    await stopAll();
    const restarted = await platform({ dataDir: p.dataDir });
    expect(await ok(restarted, "GET", "/apps/shop/config-vars")).toEqual(expected);
    expect((await ok(restarted, "GET", "/apps")).map((a: { name: string }) => a.name)).toEqual(["shop"]);
  });

  it("answers a change that throws alone, leaving the others of its group", async () => {
    // GIVEN a store with an app
    const file = join(mkdtempSync(join(tmpdir(), "dynoform-group-")), "platform.json");
    const store = openPlatformData(file, "developer@dynoform.local");
    await store.mutate((d) => void createApp(d, { name: "shop" }));

    // WHEN three changes arrive at once, the second half done when it throws
    const results = await Promise.allSettled([
      store.mutate((d) => void createApp(d, { name: "first" })),
      store.mutate((d) => {
        createApp(d, { name: "half-done" });
        throw new Error("refused");
      }),
      store.mutate((d) => void createApp(d, { name: "third" })),
    ]);

    // THEN only the one that threw is refused, and nothing of it is kept, in memory or on disk
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const names = ["shop", "first", "third"];
    expect(store.read((d) => d.apps.map((a) => a.name))).toEqual(names);
    expect(JSON.parse(readFileSync(file, "utf8")).apps.map((a: { name: string }) => a.name)).toEqual(names);
  });

  it.each([
    ["a field of a record a change made", (d: any) => (createApp(d, { name: "bad" }).name = 42 as any), `its "apps[1].name" is not a string`],
    ["a record deep in a collection", (d: any) => (d.releases.x = [{ id: "r" }]), `its "releases.x[0].version" is required`],
    ["a collection replaced", (d: any) => (d.domains = "none"), `its "domains" is not a list`],
    ["a field the document does not have", (d: any) => (d.extra = []), `its "extra" is not a field of the platform's data`],
  ])("refuses to write %s of the wrong shape, with the other changes of its group, and keeps the last good document", async (_name, damage, problem) => {
    // GIVEN a store with an app, and its file
    const file = join(mkdtempSync(join(tmpdir(), "dynoform-group-")), "platform.json");
    const store = openPlatformData(file, "developer@dynoform.local");
    await store.mutate((d) => void createApp(d, { name: "shop" }));
    const written = readFileSync(file, "utf8");

    // WHEN a good change and one making a record of the wrong shape are written in one group
    const [good, bad] = await Promise.allSettled([store.mutate((d) => (d.account.name = "renamed")), store.mutate(damage)]);

    // THEN both are refused, naming the file and the field
    expect(bad).toMatchObject({ status: "rejected", reason: { message: `refusing to write ${file}: ${problem}` } });
    expect(good).toMatchObject({ status: "rejected", reason: { message: `refusing to write ${file}: ${problem}` } });
    // AND neither is kept, in memory or on disk, and the file still loads
    expect(store.read((d) => [d.account.name, d.apps.length, (d as any).extra])).toEqual(["dynoform developer", 1, undefined]);
    expect(readFileSync(file, "utf8")).toBe(written);
    expect(openPlatformData(file, "developer@dynoform.local").read((d) => d.apps.map((a) => a.name))).toEqual(["shop"]);
  });
});
