import { describe, expect, it } from "vitest";
import { api, lastRelease, ok, platform } from "./platform-harness";

describe("embedded platform: add-ons and attachments", () => {
  it("provisions postgres asynchronously, then sets DATABASE_URL with an Attach release", async () => {
    // GIVEN an app and a provisioning delay long enough to observe
    const p = await platform({ delays: { provisionMs: 60_000 } });
    await ok(p, "POST", "/apps", { name: "shop" });
    // WHEN a postgres add-on is created
    const addon = await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0" });
    // THEN it is provisioning, with no var yet
    expect(addon).toMatchObject({ state: "provisioning", plan: { name: "heroku-postgresql:essential-0" }, config_vars: ["DATABASE_URL"] });
    expect(await ok(p, "GET", "/apps/shop/config-vars")).toEqual({});
  });

  it("once provisioned, the app has the URL and a release names the attachment", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const addon = await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
    expect((await ok(p, "GET", `/addons/${addon.id}`)).state).toBe("provisioned");
    expect((await ok(p, "GET", "/apps/shop/config-vars")).DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(await lastRelease(p, "shop")).toBe("Attach DATABASE (@ref:shop-db)");
    expect((await ok(p, "GET", "/apps/shop/addons/DATABASE")).id).toBe(addon.id);
    expect((await ok(p, "GET", "/apps/shop/addons")).map((a: { name: string }) => a.name)).toEqual(["shop-db"]);
  });

  it("gives a second database a HEROKU_POSTGRESQL_<COLOR> attachment", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-1" });
    const names = (await ok(p, "GET", "/apps/shop/addon-attachments")).map((a: { name: string }) => a.name).sort();
    expect(names[0]).toBe("DATABASE");
    expect(names[1]).toMatch(/^HEROKU_POSTGRESQL_[A-Z]+$/);
    expect(Object.keys(await ok(p, "GET", "/apps/shop/config-vars")).sort()).toEqual(["DATABASE_URL", `${names[1]}_URL`]);
  });

  it("changes plan, and deleting removes the var with a Detach release", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "cache" });
    const changed = await ok(p, "PATCH", "/apps/shop/addons/cache", { plan: "heroku-redis:premium-0" });
    expect(changed.plan.name).toBe("heroku-redis:premium-0");
    expect((await ok(p, "GET", "/apps/shop/config-vars")).REDIS_URL).toMatch(/^redis:\/\//);
    expect((await ok(p, "DELETE", "/apps/shop/addons/cache")).state).toBe("deprovisioned");
    expect(await ok(p, "GET", "/apps/shop/config-vars")).toEqual({});
    expect(await lastRelease(p, "shop")).toBe("Detach REDIS (@ref:cache)");
    expect((await api(p, "GET", "/addons/cache")).status).toBe(404);
  });

  it("fails on an unknown plan with Heroku's message", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const res = await api(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:huge" });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe('Couldn\'t find either the add-on service or the add-on plan of "heroku-postgresql:huge".');
    expect((await api(p, "PATCH", "/apps/shop/addons/nope", { plan: "heroku-redis:mini" })).status).toBe(404);
  });

  it("attaches an add-on to a second app with the owner's URL, and detaches it", async () => {
    // GIVEN a database owned by one app
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps", { name: "reports" });
    const addon = await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
    // WHEN it is attached to another app
    const attachment = await ok(p, "POST", "/addon-attachments", { addon: "shop-db", app: "reports", name: "SHOP_DB" });
    // THEN that app gets the same URL under the attachment's name
    const url = (await ok(p, "GET", "/apps/shop/config-vars")).DATABASE_URL;
    expect((await ok(p, "GET", "/apps/reports/config-vars")).SHOP_DB_URL).toBe(url);
    expect((await ok(p, "GET", `/addons/${addon.id}/addon-attachments`)).map((a: { name: string }) => a.name).sort()).toEqual(["DATABASE", "SHOP_DB"]);
    expect((await ok(p, "GET", `/addon-attachments/${attachment.id}`)).addon.app.name).toBe("shop");
    // AND the other app cannot delete it, but can detach it
    expect((await api(p, "DELETE", "/apps/reports/addons/shop-db")).status).toBe(422);
    await ok(p, "DELETE", `/addon-attachments/${attachment.id}`);
    expect(await ok(p, "GET", "/apps/reports/config-vars")).toEqual({});
  });

  it("fails to attach twice under one name", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "cache" });
    const res = await api(p, "POST", "/addon-attachments", { addon: "cache", app: "shop", name: "REDIS" });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe("Name REDIS is already used by another attachment on shop.");
  });

  it("finds an add-on of an app by its service or plan when only one has it, and deletes it so (as the provider's acceptance test does with scheduler)", async () => {
    // GIVEN an app with Scheduler and two Redis add-ons
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const scheduler = await ok(p, "POST", "/apps/shop/addons", { plan: "scheduler:standard" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "cache-a" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "cache-b" });
    // WHEN Scheduler is read and deleted by its service name, and Redis is asked for by its service
    expect((await ok(p, "GET", "/apps/shop/addons/scheduler")).id).toBe(scheduler.id);
    await ok(p, "DELETE", "/apps/shop/addons/scheduler");
    const ambiguous = await api(p, "GET", "/apps/shop/addons/heroku-redis");
    // THEN Scheduler is gone, and two Redis add-ons are refused as Heroku refuses an ambiguous identifier
    expect((await ok(p, "GET", "/apps/shop/addons")).map((a: { name: string }) => a.name).sort()).toEqual(["cache-a", "cache-b"]);
    expect(ambiguous.status).toBe(422);
    expect((await ambiguous.json()).id).toBe("multiple_matches");
  });
});
