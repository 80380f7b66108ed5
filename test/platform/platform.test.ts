import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startPlatform } from "../../platform";
import { paginate, parseRange } from "../../platform/protocol/range";
import { api, ok, platform, releasedApp, stopAll, type ApiResponse } from "./platform-harness";

describe("embedded platform: protocol", () => {
  it("creates credentials once, readable by the owner only", async () => {
    const p = await platform();
    expect(statSync(join(p.dataDir, "credentials.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(p.dataDir, "credentials.json"), "utf8")).apiKey).toBe(p.apiKey);
  });

  it("fails without the key, with another key, and accepts Basic auth", async () => {
    const p = await platform();
    const none: ApiResponse = await fetch(`${p.url}/account`, { headers: { Accept: "application/vnd.heroku+json; version=3" } });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ id: "unauthorized", message: "Invalid credentials provided." });
    expect((await api(p, "GET", "/account", undefined, { Authorization: "Bearer wrong" })).status).toBe(401);
    const basic = await api(p, "GET", "/account", undefined, { Authorization: `Basic ${Buffer.from(`me:${p.apiKey}`).toString("base64")}` });
    expect(basic.status).toBe(200);
  });

  it("fails without the version-3 Accept header", async () => {
    const p = await platform();
    const res = await api(p, "GET", "/account", undefined, { Accept: "application/json" });
    expect(res.status).toBe(400);
    expect((await res.json()).id).toBe("bad_request");
  });

  it("fails on invalid JSON and on a non-JSON content type", async () => {
    const p = await platform();
    const bad: ApiResponse = await fetch(`${p.url}/apps`, {
      method: "POST",
      headers: { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${p.apiKey}`, "Content-Type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    const text = await fetch(`${p.url}/apps`, {
      method: "POST",
      headers: { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${p.apiKey}`, "Content-Type": "text/plain" },
      body: "name=x",
    });
    expect(text.status).toBe(415);
  });

  it("counts requests in a token bucket and answers 429 with Retry-After when it is empty", async () => {
    const p = await platform({ rateLimitPerHour: 3 });
    const remaining = [];
    for (let i = 0; i < 3; i++) remaining.push((await api(p, "GET", "/account")).headers.get("ratelimit-remaining"));
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api(p, "GET", "/account");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).id).toBe("rate_limit");
  });

  it("pages lists with Range, answering 206 with Next-Range until the last page", async () => {
    const p = await platform();
    for (const name of ["app-a", "app-b", "app-c"]) await api(p, "POST", "/apps", { name });
    const first = await api(p, "GET", "/apps", undefined, { Range: "name ..; max=2" });
    expect(first.status).toBe(206);
    expect((await first.json()).map((a: { name: string }) => a.name)).toEqual(["app-a", "app-b"]);
    const next = first.headers.get("next-range")!;
    const last = await api(p, "GET", "/apps", undefined, { Range: next });
    expect(last.status).toBe(200);
    expect(last.headers.get("next-range")).toBeNull();
    expect((await last.json()).map((a: { name: string }) => a.name)).toEqual(["app-c"]);
  });

  it("honours order=desc", () => {
    const items = [{ version: 1 }, { version: 2 }, { version: 10 }];
    expect(paginate(items, parseRange("version ..; order=desc,max=1", "id")).items).toEqual([{ version: 10 }]);
  });
});

describe("embedded platform: apps and config vars", () => {
  it("creates an app with Heroku's shape and finds it by name or id", async () => {
    const p = await platform();
    const created = await api(p, "POST", "/apps", { name: "shop-staging", region: "eu" });
    expect(created.status).toBe(201);
    const app = await created.json();
    expect(app).toMatchObject({ name: "shop-staging", region: { name: "eu" }, stack: { name: "heroku-24" }, web_url: "https://shop-staging.herokuapp.com/" });
    expect(app.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await (await api(p, "GET", `/apps/${app.id}`)).json()).name).toBe("shop-staging");
    expect((await (await api(p, "GET", "/apps/shop-staging")).json()).id).toBe(app.id);
  });

  it("fails on a taken name and on a name Heroku refuses, with Heroku's messages", async () => {
    const p = await platform();
    await api(p, "POST", "/apps", { name: "shop" });
    const taken = await api(p, "POST", "/apps", { name: "shop" });
    expect(taken.status).toBe(422);
    expect(await taken.json()).toEqual({ id: "invalid_params", message: "Name is already taken" });
    const bad = await (await api(p, "POST", "/apps", { name: "Shop!" })).json();
    expect(bad.message).toBe("Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.");
  });

  it("fails with not_found for an unknown app", async () => {
    const p = await platform();
    const res = await api(p, "GET", "/apps/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ id: "not_found", message: "Couldn't find that app.", resource: "app" });
  });

  it("sets and unsets config vars, and deleting the app removes them", async () => {
    const p = await platform();
    await api(p, "POST", "/apps", { name: "shop" });
    await api(p, "PATCH", "/apps/shop/config-vars", { A: "1", B: "2" });
    expect(await (await api(p, "PATCH", "/apps/shop/config-vars", { A: null })).json()).toEqual({ B: "2" });
    expect((await api(p, "DELETE", "/apps/shop")).status).toBe(200);
    expect((await api(p, "GET", "/apps/shop/config-vars")).status).toBe(404);
  });

  it("deletes with the app everything that hangs on it, and detaches its add-ons from other apps", async () => {
    // GIVEN an app with a build, a database shared with another app, a domain and a pipeline coupling
    const p = await platform();
    const shop = await releasedApp(p, "shop");
    await ok(p, "POST", "/apps", { name: "reports" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
    await ok(p, "POST", "/addon-attachments", { addon: "shop-db", app: "reports", name: "SHOP_DB" });
    await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com" });
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop" });
    await ok(p, "POST", "/pipeline-couplings", { app: shop.id, pipeline: pipeline.id, stage: "production" });
    // WHEN the app is deleted
    await ok(p, "DELETE", "/apps/shop");
    // THEN its add-on, attachments, coupling and domain are gone, and the hostname is free again
    expect((await api(p, "GET", "/addons/shop-db")).status).toBe(404);
    expect(await ok(p, "GET", "/apps/reports/config-vars")).toEqual({});
    expect(await ok(p, "GET", `/pipelines/${pipeline.id}/pipeline-couplings`)).toEqual([]);
    await ok(p, "POST", "/apps", { name: "shop" });
    expect(await ok(p, "GET", "/apps/shop/formation")).toEqual([]);
    expect((await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com" })).hostname).toBe("www.example.com");
  });

  it("makes no release for an empty config var patch", async () => {
    const p = await platform();
    await api(p, "POST", "/apps", { name: "shop" });
    await api(p, "PATCH", "/apps/shop/config-vars", {});
    expect((await ok(p, "GET", "/apps/shop/releases")).map((r: { description: string }) => r.description)).toEqual(["Initial release"]);
  });

  it("keeps its data across a restart, and refuses a second server on the same data", async () => {
    const p = await platform();
    await api(p, "POST", "/apps", { name: "kept" });
    await expect(startPlatform({ dataDir: p.dataDir, port: 0 })).rejects.toThrow(/is in use by the platform with pid/);
    await stopAll();
    const again = await platform({ dataDir: p.dataDir });
    expect(again.apiKey).toBe(p.apiKey);
    expect((await (await api(again, "GET", "/apps/kept")).json()).name).toBe("kept");
  });

  it("keeps every acknowledged write when killed with -9", async () => {
    // GIVEN a platform in a child process
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-platform-kill-"));
    const script = `require("tsx/cjs"); require(${JSON.stringify(join(__dirname, "..", "..", "platform"))}).startPlatform({ dataDir: ${JSON.stringify(dataDir)}, port: 0 }).then((p) => console.log(JSON.stringify({ url: p.url, apiKey: p.apiKey })));`;
    const child = spawn(process.execPath, ["-e", script], { cwd: join(__dirname, "..", ".."), stdio: ["ignore", "pipe", "inherit"] });
    const started = await new Promise<{ url: string; apiKey: string }>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()))));
    // WHEN it acknowledges writes and is then killed without warning
    for (let i = 0; i < 5; i++) expect((await api(started, "POST", "/apps", { name: `app-${i}` })).status).toBe(201);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    // THEN a new platform on the same data has all five apps (and takes over the stale lock)
    const again = await platform({ dataDir });
    const names = (await (await api(again, "GET", "/apps")).json()).map((a: { name: string }) => a.name).sort();
    expect(names).toEqual(["app-0", "app-1", "app-2", "app-3", "app-4"]);
  });
});
