import { describe, expect, it } from "vitest";
import { api, ok, platform, releasedApp } from "./platform-harness";

describe("embedded platform: app features and buildpack installations", () => {
  it("lists the app features, all off, and enables one by name", async () => {
    // GIVEN an app running standard dynos
    const p = await platform();
    await releasedApp(p, "shop");
    await ok(p, "PATCH", "/apps/shop/formation/web", { size: "standard-1x" });
    const features = await ok(p, "GET", "/apps/shop/features");
    expect(features.map((f: { name: string }) => f.name)).toContain("preboot");
    expect(features.every((f: { enabled: boolean }) => !f.enabled)).toBe(true);
    // WHEN preboot is enabled
    const enabled = await ok(p, "PATCH", "/apps/shop/features/preboot", { enabled: true });
    // THEN it reads back enabled, by name and by id
    expect(enabled).toMatchObject({ name: "preboot", enabled: true });
    expect((await ok(p, "GET", `/apps/shop/features/${enabled.id}`)).enabled).toBe(true);
  });

  it("fails to enable preboot on basic dynos, and on an unknown feature", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    const preboot = await api(p, "PATCH", "/apps/shop/features/preboot", { enabled: true });
    expect(preboot.status).toBe(422);
    expect((await preboot.json()).message).toBe("preboot is only available on Standard and Performance dynos.");
    expect((await api(p, "PATCH", "/apps/shop/features/warp-drive", { enabled: true })).status).toBe(404);
    expect((await api(p, "PATCH", "/apps/shop/features/runtime-dyno-metadata", { enabled: "yes" })).status).toBe(422);
  });

  it("replaces the buildpacks in the order given", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "PUT", "/apps/shop/buildpack-installations", { updates: [{ buildpack: "heroku/nodejs" }, { buildpack: "heroku/python" }] });
    const installed = await ok(p, "GET", "/apps/shop/buildpack-installations");
    const ordered = [...installed].sort((a: { ordinal: number }, b: { ordinal: number }) => a.ordinal - b.ordinal);
    expect(ordered.map((b: { buildpack: { name: string } }) => b.buildpack.name)).toEqual(["heroku/nodejs", "heroku/python"]);
  });

  it("fails on buildpack updates that are not a list", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    expect((await api(p, "PUT", "/apps/shop/buildpack-installations", { updates: "heroku/nodejs" })).status).toBe(422);
  });
});
