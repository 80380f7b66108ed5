import { describe, expect, it } from "vitest";
import { appendLog, LOG_LINES_KEPT, recentLogs } from "../../platform/state/app-logs";
import { herokuSizeName } from "../../platform/state/formation";
import { api, ok, platform, releasedApp } from "./platform-harness";

/**
 * Where the platform answers in Heroku's shapes rather than the ones it
 * keeps: formation sizes spelled as Heroku spells them, the add-on plan
 * catalogue, dyno restarts, and log sessions with Logplex's 1,500 lines.
 */
describe("formation sizes in Heroku's spelling", () => {
  it("spells every size as Heroku answers it: first word capitalized, the rest upper case", () => {
    expect(["eco", "basic", "standard-1x", "standard-2x", "performance-m", "performance-l", "performance-l-ram", "performance-xl", "performance-2xl"].map(herokuSizeName)).toEqual([
      "Eco",
      "Basic",
      "Standard-1X",
      "Standard-2X",
      "Performance-M",
      "Performance-L",
      "Performance-L-RAM",
      "Performance-XL",
      "Performance-2XL",
    ]);
  });

  it("takes a size in any case and answers it as Heroku does, on the formation, its dyno_size and the dynos", async () => {
    // GIVEN a released app (its web type starts on basic)
    const p = await platform();
    await releasedApp(p, "shop");
    expect(await ok(p, "GET", "/apps/shop/formation/web")).toMatchObject({ size: "Basic", dyno_size: { name: "Basic" } });
    // WHEN worker is scaled with a lower-case size, and web with a mixed-case one
    expect(await ok(p, "PATCH", "/apps/shop/formation/worker", { quantity: 1, size: "standard-2x" })).toMatchObject({ size: "Standard-2X", dyno_size: { name: "Standard-2X" } });
    await ok(p, "PATCH", "/apps/shop/formation", { updates: [{ type: "web", quantity: 2, size: "STANDARD-1x" }] });
    // THEN the list and the dynos spell both as Heroku does
    const formation = await ok(p, "GET", "/apps/shop/formation");
    expect(formation.map((f: { type: string; size: string }) => `${f.type}:${f.size}`).sort()).toEqual(["web:Standard-1X", "worker:Standard-2X"]);
    const dynos = await ok(p, "GET", "/apps/shop/dynos");
    expect(dynos.map((d: { name: string; size: string }) => `${d.name}:${d.size}`).sort()).toEqual(["web.1:Standard-1X", "web.2:Standard-1X", "worker.1:Standard-2X"]);
  });
});

describe("the add-on plan catalogue", () => {
  it("lists a service's current plans, priced, with its default, and finds one by name", async () => {
    const p = await platform();
    const plans = await ok(p, "GET", "/addon-services/heroku-redis/plans");
    // Each with the properties of heroku-go's plan schema, no more, no fewer.
    expect(Object.keys(plans[0]).sort()).toEqual([
      "addon_service", "compliance", "created_at", "default", "description", "human_name", "id",
      "installable_inside_private_network", "installable_outside_private_network", "name", "price", "space_default", "state", "updated_at", "visible",
    ]);
    expect(plans.find((plan: { default: boolean }) => plan.default)).toMatchObject({ name: "heroku-redis:mini", addon_service: { name: "heroku-redis" } });
    expect(await ok(p, "GET", "/addon-services/heroku-postgresql/plans/standard-0")).toMatchObject({
      name: "heroku-postgresql:standard-0",
      human_name: "Standard 0",
      price: { cents: 5000, unit: "month", contract: false, metered: false },
      state: "public",
    });
    // Retired plan names are still accepted on create, but not offered.
    expect((await ok(p, "GET", "/addon-services/heroku-postgresql/plans")).map((plan: { name: string }) => plan.name)).not.toContain("heroku-postgresql:mini");
    expect((await api(p, "GET", "/addon-services/postgres/plans")).status).toBe(404);
  });
});

describe("release config vars", () => {
  it("answers each release's config vars as it had them, by version or id, and forgets them with the app", async () => {
    const p = await platform();
    const app = await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "PATCH", "/apps/shop/config-vars", { A: "1" });
    await ok(p, "PATCH", "/apps/shop/config-vars", { A: "2", B: "x" });
    await ok(p, "PATCH", "/apps/shop/config-vars", { B: null });
    expect(await ok(p, "GET", "/apps/shop/releases/1/config-vars")).toEqual({});
    expect(await ok(p, "GET", "/apps/shop/releases/2/config-vars")).toEqual({ A: "1" });
    const v3 = await ok(p, "GET", "/apps/shop/releases/3");
    expect(await ok(p, "GET", `/apps/shop/releases/${v3.id}/config-vars`)).toEqual({ A: "2", B: "x" });
    expect(await ok(p, "GET", "/apps/shop/releases/4/config-vars")).toEqual({ A: "2" });
    expect((await api(p, "GET", "/apps/shop/releases/9/config-vars")).status).toBe(404);
    await ok(p, "DELETE", "/apps/shop");
    const again = await ok(p, "POST", "/apps", { name: "shop" });
    expect(again.id).not.toBe(app.id);
    expect(await ok(p, "GET", "/apps/shop/releases/1/config-vars")).toEqual({});
  });
});

describe("dyno restarts", () => {
  it("answers 202 with {} for all dynos, a process type and one dyno; 404 for a dyno that does not run", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    for (const path of ["/apps/shop/dynos", "/apps/shop/formations/web", "/apps/shop/dynos/web.1"]) {
      const res = await api(p, "DELETE", path);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({});
    }
    expect((await api(p, "DELETE", "/apps/shop/dynos/worker.1")).status).toBe(404);
    expect(await (await api(p, "DELETE", "/apps/shop/formations/clock")).json()).toMatchObject({ id: "not_found", message: "Couldn't find that process type (clock)." });
  });
});

describe("log sessions", () => {
  it("keeps the last 1,500 lines of an app, as Logplex does", () => {
    const app = "00000000-0000-4000-8000-00000000abcd";
    for (let i = 1; i <= LOG_LINES_KEPT + 100; i++) appendLog(app, "app", "web.1", `line ${i}`);
    const kept = recentLogs(app, {}, 5000);
    expect(kept).toHaveLength(LOG_LINES_KEPT);
    expect(kept[0].message).toBe("line 101");
    expect(kept[kept.length - 1].message).toBe(`line ${LOG_LINES_KEPT + 100}`);
  });

  it("answers a logplex_url that streams the app's lines once, without the key", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const session = await api(p, "POST", "/apps/shop/log-sessions", { lines: 10, source: "heroku" });
    expect(session.status).toBe(201);
    const { id, logplex_url, created_at, updated_at } = await session.json();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created_at && updated_at).toBeTruthy();
    const stream = await fetch(logplex_url);
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    expect(await stream.text()).toMatch(/^data: \S+ heroku\[api\]: Initial release by developer@dynoform\.local\n\ndata: \S+ heroku\[api\]: Release v1 created by developer@dynoform\.local\n\n$/);
    expect((await fetch(logplex_url)).status).toBe(404);
    expect((await api(p, "POST", "/apps/shop/log-sessions", { lines: "ten" })).status).toBe(422);
    expect((await api(p, "POST", "/apps/nope/log-sessions", {})).status).toBe(404);
  });
});
