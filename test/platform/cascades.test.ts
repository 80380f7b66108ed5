import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, lastRelease, ok, platform, releasedApp } from "./platform-harness";

/**
 * Deleting an app deletes what hangs on it. An add-on belongs to its billing
 * app (the schema's `add-on.app`, and `add-on-attachment.addon.app`), so the
 * add-ons the app owns go too, and with them their attachments on every
 * other app; the app's own attachments of other apps' add-ons go, and those
 * add-ons stay with their owners.
 */
describe("embedded platform: deleting an app", () => {
  it("removes its add-ons, their attachments on other apps, its attachments, domains, certificates and coupling", async () => {
    // GIVEN an app whose database is attached to a second app, which is itself attached to the second app's cache,
    // with a custom domain on a certificate, in a pipeline with a third app
    const p = await platform();
    const shop = await releasedApp(p, "shop");
    const reports = await ok(p, "POST", "/apps", { name: "reports" });
    const blog = await ok(p, "POST", "/apps", { name: "blog" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
    await ok(p, "POST", "/addon-attachments", { addon: "shop-db", app: "reports", name: "SHOP_DB" });
    const cache = await ok(p, "POST", "/apps/reports/addons", { plan: "heroku-redis:mini", name: "reports-cache" });
    await ok(p, "POST", "/addon-attachments", { addon: "reports-cache", app: "shop", name: "REPORTS_CACHE" });
    const sni = await ok(p, "POST", "/apps/shop/sni-endpoints", { certificate_chain: "-----BEGIN CERTIFICATE-----", private_key: "PRIVATE KEY" });
    await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com", sni_endpoint: sni.name });
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop" });
    await ok(p, "POST", "/pipeline-couplings", { app: shop.id, pipeline: pipeline.id, stage: "production" });
    await ok(p, "POST", "/pipeline-couplings", { app: blog.id, pipeline: pipeline.id, stage: "staging" });

    // WHEN the app is deleted
    const deleted = await ok(p, "DELETE", "/apps/shop");

    // THEN it is answered as it was, and is gone
    expect(deleted).toMatchObject({ id: shop.id, name: "shop" });
    expect((await api(p, "GET", `/apps/${shop.id}`)).status).toBe(404);
    // AND its database is gone, and the other app lost its attachment and var, with a release saying so
    expect((await api(p, "GET", "/addons/shop-db")).status).toBe(404);
    expect((await ok(p, "GET", "/apps/reports/addon-attachments")).map((a: { name: string }) => a.name)).toEqual(["REDIS"]);
    expect(Object.keys(await ok(p, "GET", "/apps/reports/config-vars"))).toEqual(["REDIS_URL"]);
    expect(await lastRelease(p, "reports")).toBe("Detach SHOP_DB (@ref:shop-db)");
    // AND the other app's cache stays, attached to its owner only
    expect((await ok(p, "GET", `/addons/${cache.id}/addon-attachments`)).map((a: { app: { id: string } }) => a.app.id)).toEqual([reports.id]);
    expect((await ok(p, "GET", "/addons")).map((a: { name: string }) => a.name)).toEqual(["reports-cache"]);
    // AND the pipeline keeps the other app only
    expect((await ok(p, "GET", `/pipelines/${pipeline.id}/pipeline-couplings`)).map((c: { app: { id: string } }) => c.app.id)).toEqual([blog.id]);
    // AND its hostname is free for another app
    expect((await ok(p, "POST", "/apps/blog/domains", { hostname: "www.example.com" })).app.name).toBe("blog");
    // AND nothing in the data file refers to it any more
    expect(readFileSync(join(p.dataDir, "platform.json"), "utf8")).not.toContain(shop.id);
  });
});
