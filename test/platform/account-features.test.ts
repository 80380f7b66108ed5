import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, ok, platform, stopAll } from "./platform-harness";
import { shapeProblems } from "./api-shapes";

/**
 * The account's features (`/account/features`) on the embedded platform,
 * checked against the official Platform API schema's `account-feature`
 * (`fixtures/api-shapes.json`, reduced from heroku-go's v6/schema.json
 * as scripts/extract-api-shapes.ts reduces the others).
 */


describe("embedded platform: account features", () => {
  it("lists the account's features, all off at first, in the schema's shape", async () => {
    const p = await platform();
    const features = await ok(p, "GET", "/account/features");
    expect(features.map((f: any) => f.name).sort()).toEqual(["app-overview", "dashboard-repositories-api"]);
    expect(features.every((f: any) => f.enabled === false)).toBe(true);
    for (const f of features) expect(shapeProblems("account-feature", f)).toEqual([]);
  });

  it("turns a feature on and off by name or id, and keeps it across a restart", async () => {
    const p = await platform();
    const { id } = await ok(p, "GET", "/account/features/app-overview");
    // WHEN it is enabled by id
    expect((await ok(p, "PATCH", `/account/features/${id}`, { enabled: true })).enabled).toBe(true);
    // THEN it reads back on by name, also after a restart
    await stopAll();
    const again = await platform({ dataDir: p.dataDir });
    expect((await ok(again, "GET", "/account/features/app-overview")).enabled).toBe(true);
    // AND disabled, it is off
    expect((await ok(again, "PATCH", "/account/features/app-overview", { enabled: false })).enabled).toBe(false);
  });

  it("answers an unknown feature with Heroku's not-found, and a PATCH without a boolean with invalid_params", async () => {
    const p = await platform();
    const missing = await api(p, "GET", "/account/features/no-such-feature");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ id: "not_found", message: "Couldn't find that feature." });
    const bad = await api(p, "PATCH", "/account/features/app-overview", { enabled: "yes" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).id).toBe("invalid_params");
  });

  it("starts a data file from before account features with none enabled", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "old-file" });
    await stopAll();
    // GIVEN the data file as an older platform wrote it, without the collection
    const file = join(p.dataDir, "platform.json");
    const data = JSON.parse(readFileSync(file, "utf8"));
    delete data.accountFeatures;
    writeFileSync(file, JSON.stringify(data));
    // THEN the platform starts on it, its apps intact and no feature on
    const again = await platform({ dataDir: p.dataDir });
    expect((await ok(again, "GET", "/apps/old-file")).name).toBe("old-file");
    expect((await ok(again, "GET", "/account/features")).some((f: any) => f.enabled)).toBe(false);
  });
});
