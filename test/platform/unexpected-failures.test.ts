import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, ok, platform, stopAll } from "./platform-harness";

/**
 * A bug is not an answer: an exception the platform did not mean to throw is
 * logged with the request it happened under (never its body or headers) and
 * answered with Heroku's 500, and the platform goes on serving. The bug here
 * is real data no code path writes: a record left referring to an app that
 * was taken out of the data file by hand.
 */

/** Removes an app from a stopped platform's data file, leaving whatever refers to it (internal helper). */
function removeAppByHand(dataDir: string, name: string, change: (data: any) => void = () => undefined): string {
  const file = join(dataDir, "platform.json");
  const data = JSON.parse(readFileSync(file, "utf8"));
  const id = data.apps.find((a: { name: string }) => a.name === name).id;
  data.apps = data.apps.filter((a: { id: string }) => a.id !== id);
  change(data);
  writeFileSync(file, JSON.stringify(data));
  return id;
}

const INTERNAL_ERROR = { id: "internal_server_error", message: "Internal server error." };

describe("embedded platform: unexpected failures", () => {
  it("logs a route that throws with its request id, answers Heroku's 500, and serves the next request", async () => {
    // GIVEN a database attached to a second app, that app then taken out of the data file by hand
    const first = await platform();
    await ok(first, "POST", "/apps", { name: "shop" });
    await ok(first, "POST", "/apps", { name: "reports" });
    await ok(first, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
    await ok(first, "POST", "/addon-attachments", { addon: "shop-db", app: "reports", name: "SHOP_DB" });
    await stopAll();
    const missing = removeAppByHand(first.dataDir, "reports");
    const lines: string[] = [];
    const p = await platform({ dataDir: first.dataDir, log: (line) => lines.push(line) });

    // WHEN the attachments are listed, which names the missing app
    const res = await api(p, "GET", "/addon-attachments", undefined, { Range: "id ..; max=10" });

    // THEN the answer is Heroku's 500, with the request's id
    const requestId = res.headers.get("request-id");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual(INTERNAL_ERROR);
    // AND the failure is logged with the method, path, request id, message and stack, and nothing of the request's headers
    const failures = lines.filter((l) => l.includes(" failed "));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`GET /addon-attachments failed request_id=${requestId}: Error: a record refers to app ${missing}, which does not exist`);
    expect(failures[0]).toMatch(/\n\s+at .*app-lookup/);
    expect(lines.join("\n")).not.toContain(p.apiKey);
    expect(lines.join("\n")).not.toContain("max=10");
    expect(lines.some((l) => l.includes(`GET /addon-attachments 500`) && l.includes(`request_id=${requestId}`))).toBe(true);
    // AND the next request is served
    expect((await ok(p, "GET", "/apps/shop")).name).toBe("shop");
  });

  it("marks a pending add-on that fails to settle as failed, and settles the others and the request", async () => {
    // GIVEN two add-ons provisioning on an app, the first attached to a second app that is then taken out by hand
    const first = await platform({ delays: { provisionMs: 60_000 } });
    await ok(first, "POST", "/apps", { name: "shop" });
    await ok(first, "POST", "/apps", { name: "reports" });
    const broken = await ok(first, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
    await ok(first, "POST", "/addon-attachments", { addon: "shop-db", app: "reports", name: "SHOP_DB" });
    const cache = await ok(first, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "shop-cache" });
    await stopAll();
    const past = new Date(0).toISOString();
    removeAppByHand(first.dataDir, "reports", (data) => {
      data.pending.addons = { [broken.id]: past, [cache.id]: past };
    });
    const lines: string[] = [];
    const p = await platform({ dataDir: first.dataDir, log: (line) => lines.push(line) });

    // WHEN a request comes, and the due work is settled before it
    const res = await api(p, "GET", "/apps/shop");

    // THEN the request is served
    expect(res.status).toBe(200);
    // AND the failure is logged under that request, naming the add-on
    const failures = lines.filter((l) => l.includes(" failed "));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`GET /apps/shop failed request_id=${res.headers.get("request-id")} while settling add-on ${broken.id}: Error: a record refers to app`);
    // AND that add-on ends deprovisioned, without attachments, while the other one is provisioned with its var
    expect((await ok(p, "GET", `/addons/${broken.id}`)).state).toBe("deprovisioned");
    expect(await ok(p, "GET", `/addons/${broken.id}/addon-attachments`)).toEqual([]);
    expect((await ok(p, "GET", `/addons/${cache.id}`)).state).toBe("provisioned");
    expect(Object.keys(await ok(p, "GET", "/apps/shop/config-vars"))).toEqual(["REDIS_URL"]);
    // AND it is not tried again
    expect(lines.filter((l) => l.includes(" failed "))).toHaveLength(1);
  });
});
