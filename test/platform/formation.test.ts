import { describe, expect, it } from "vitest";
import { api, ok, platform, releasedApp } from "./platform-harness";

describe("embedded platform: formation and dynos", () => {
  it("adds the released process types: web at 1 dyno, the others at 0", async () => {
    // GIVEN an app whose release declares web and worker
    const p = await platform();
    await releasedApp(p, "shop");
    // WHEN its formation is read
    const formation = await ok(p, "GET", "/apps/shop/formation");
    // THEN both types are there, as Heroku creates them
    const byType = Object.fromEntries(formation.map((f: { type: string; quantity: number }) => [f.type, f.quantity]));
    expect(byType).toEqual({ web: 1, worker: 0 });
  });

  it("scales one type, and several in one batch, and lists the dynos that result", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    expect(await ok(p, "PATCH", "/apps/shop/formation/web", { quantity: 3, size: "Standard-1X" })).toMatchObject({ quantity: 3, size: "Standard-1X" });
    const batch = await ok(p, "PATCH", "/apps/shop/formation", { updates: [{ type: "worker", quantity: 2, size: "standard-2x" }, { type: "web", quantity: "-1" }] });
    expect(batch.map((f: { type: string; quantity: number }) => `${f.type}=${f.quantity}`).sort()).toEqual(["web=2", "worker=2"]);
    const dynos = await ok(p, "GET", "/apps/shop/dynos");
    expect(dynos.map((d: { name: string }) => d.name).sort()).toEqual(["web.1", "web.2", "worker.1", "worker.2"]);
    expect(dynos[0].release.version).toBeGreaterThan(0);
  });

  it("takes heroku-go's dyno_size object, by name or id, and answers it beside size", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    const byName = await ok(p, "PATCH", "/apps/shop/formation/worker", { quantity: 2, dyno_size: { name: "standard-2x" } });
    expect(byName).toMatchObject({ quantity: 2, size: "Standard-2X", dyno_size: { name: "Standard-2X" } });
    const byId = await ok(p, "PATCH", "/apps/shop/formation", { updates: [{ type: "web", dyno_size: { id: byName.dyno_size.id } }] });
    expect(byId[0].dyno_size).toEqual(byName.dyno_size);
  });

  it("fails to scale a process type the release does not declare, with Heroku's message", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "bare" });
    const res = await api(p, "PATCH", "/apps/bare/formation/web", { quantity: 1 });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ id: "not_found", message: "Couldn't find that process type (web)." });
  });

  it("fails on an unknown size, naming it", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    const res = await api(p, "PATCH", "/apps/shop/formation/web", { size: "hobby" });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe("Invalid dyno size: hobby");
  });

  it("fails on more than one basic dyno per type, and on a negative quantity", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    const many = await api(p, "PATCH", "/apps/shop/formation/web", { quantity: 2, size: "basic" });
    expect(many.status).toBe(422);
    expect((await many.json()).message).toBe("Cannot update to more than 1 Basic size dynos per process type.");
    expect((await api(p, "PATCH", "/apps/shop/formation/web", { quantity: -1 })).status).toBe(422);
  });

  it("fails a batch as a whole when one update is wrong", async () => {
    const p = await platform();
    await releasedApp(p, "shop");
    const res = await api(p, "PATCH", "/apps/shop/formation", { updates: [{ type: "worker", quantity: 1 }, { type: "clock", quantity: 1 }] });
    expect(res.status).toBe(404);
    expect((await ok(p, "GET", "/apps/shop/formation/worker")).quantity).toBe(0);
  });
});
