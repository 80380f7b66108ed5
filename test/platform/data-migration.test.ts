import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ok, platform } from "./platform-harness";

/**
 * `fixtures/platform-with-names.json` is a data file the platform wrote
 * before records referred to each other by id alone (commit a5c9033): its
 * records carry the names of the apps, add-ons, pipelines and certificates
 * they refer to, and copies of an app's URLs. It must still load.
 */
const FIXTURE = join(__dirname, "fixtures", "platform-with-names.json");

/** Every string value in a JSON document (internal helper). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("embedded platform: data written by an older platform", () => {
  it("loads a data file whose records carry names, answers as before, and keeps ids alone", async () => {
    // GIVEN the older data file in a data directory
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-migrate-"));
    copyFileSync(FIXTURE, join(dataDir, "platform.json"));
    // WHEN a platform starts on it
    const p = await platform({ dataDir });
    // THEN its records are answered with their names and URLs, as they were
    const shop = await ok(p, "GET", "/apps/shop");
    expect(shop).toMatchObject({ web_url: "https://shop.herokuapp.com/", git_url: "https://git.heroku.com/shop.git" });
    const [attachment] = await ok(p, "GET", "/apps/reports/addon-attachments");
    expect(attachment).toMatchObject({ name: "SHOP_DB", addon: { name: "shop-db", app: { id: shop.id, name: "shop" } }, app: { name: "reports" } });
    expect(attachment.web_url).toBe(`https://addons-sso.heroku.com/apps/${shop.id}/addons/shop-db`);
    expect((await ok(p, "GET", "/addons/shop-db")).billing_entity).toEqual({ id: shop.id, name: "shop", type: "app" });
    expect((await ok(p, "GET", "/apps/shop/pipeline-couplings")).pipeline.name).toBe("shop-line");
    expect((await ok(p, "GET", "/apps/shop/domains/www.example.com")).sni_endpoint.name).toBe("agile-10000");
    expect((await ok(p, "GET", "/apps/shop/sni-endpoints"))[0].domains).toEqual(["www.example.com"]);
    expect((await ok(p, "GET", "/apps/shop/formation/web")).app.name).toBe("shop");
    // AND the file, rewritten, names the app in its own record only, so that a rename is one change
    const stored = JSON.parse(readFileSync(join(dataDir, "platform.json"), "utf8"));
    expect(strings(stored).filter((s) => s === "shop")).toEqual(["shop"]);
    expect(stored.apps[0]).not.toHaveProperty("web_url");
    expect(stored.attachments[0].addon).toEqual({ id: attachment.addon.id });
    // AND a rename is seen everywhere
    await ok(p, "PATCH", "/apps/shop", { name: "store" });
    expect((await ok(p, "GET", "/apps/reports/addon-attachments"))[0].addon.app.name).toBe("store");
    expect((await ok(p, "GET", "/apps/store/domains")).map((d: { hostname: string }) => d.hostname)).toContain("store.herokuapp.com");
  });
});
