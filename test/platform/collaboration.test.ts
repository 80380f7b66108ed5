import { describe, expect, it } from "vitest";
import { api, ok, platform } from "./platform-harness";

describe("embedded platform: collaborators, log drains, webhooks and teams", () => {
  it("lists the owner, adds a collaborator and removes them by email", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const added = await ok(p, "POST", "/apps/shop/collaborators", { user: "ann@example.com" });
    expect(added).toMatchObject({ role: "collaborator", user: { email: "ann@example.com" } });
    const roles = (await ok(p, "GET", "/apps/shop/collaborators")).map((c: { role: string }) => c.role).sort();
    expect(roles).toEqual(["collaborator", "owner"]);
    await ok(p, "DELETE", "/apps/shop/collaborators/ann@example.com");
    expect((await api(p, "GET", "/apps/shop/collaborators/ann@example.com")).status).toBe(404);
  });

  it("fails on an invalid email and on a collaborator added twice", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    expect((await (await api(p, "POST", "/apps/shop/collaborators", { user: "ann" })).json()).message).toBe("ann is not a valid email address.");
    await ok(p, "POST", "/apps/shop/collaborators", { user: "ann@example.com" });
    const twice = await api(p, "POST", "/apps/shop/collaborators", { user: "ann@example.com" });
    expect(twice.status).toBe(422);
    expect((await twice.json()).message).toBe("ann@example.com is already a collaborator on shop.");
  });

  it("adds a log drain with a token, finds it by URL, and removes it", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const drain = await ok(p, "POST", "/apps/shop/log-drains", { url: "syslog+tls://logs.example.com:6514" });
    expect(drain.token).toMatch(/^d\./);
    expect((await ok(p, "GET", `/apps/shop/log-drains/${encodeURIComponent(drain.url)}`)).id).toBe(drain.id);
    await ok(p, "DELETE", `/apps/shop/log-drains/${drain.id}`);
    expect(await ok(p, "GET", "/apps/shop/log-drains")).toEqual([]);
  });

  it("fails on an invalid or repeated drain URL", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    expect((await (await api(p, "POST", "/apps/shop/log-drains", { url: "ftp://x" })).json()).message).toBe("Url is invalid");
    await ok(p, "POST", "/apps/shop/log-drains", { url: "https://logs.example.com/in" });
    expect((await (await api(p, "POST", "/apps/shop/log-drains", { url: "https://logs.example.com/in" })).json()).message).toBe("Url has already been taken");
  });

  it("creates, changes and deletes an app webhook", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const hook = await ok(p, "POST", "/apps/shop/webhooks", { url: "https://hooks.example.com/x", level: "notify", include: ["api:release"] });
    expect((await ok(p, "PATCH", `/apps/shop/webhooks/${hook.id}`, { level: "sync" })).level).toBe("sync");
    expect((await ok(p, "GET", `/apps/shop/webhooks/${hook.id}`)).include).toEqual(["api:release"]);
    await ok(p, "DELETE", `/apps/shop/webhooks/${hook.id}`);
    expect(await ok(p, "GET", "/apps/shop/webhooks")).toEqual([]);
  });

  it("fails on a webhook without entities, and on a change to an unknown level", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    expect((await api(p, "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: "notify", include: [] })).status).toBe(422);
    const hook = await ok(p, "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: "notify", include: ["api:build"] });
    const res = await api(p, "PATCH", `/apps/shop/webhooks/${hook.id}`, { level: "loud" });
    expect((await res.json()).message).toBe("level must be notify or sync.");
  });

  it("has only the account's team (teams.test.ts), and fails to find another", async () => {
    const p = await platform();
    expect((await ok(p, "GET", "/teams")).map((t: { name: string }) => t.name)).toEqual(["dynoform-team"]);
    expect((await api(p, "GET", "/teams/acme")).status).toBe(404);
  });
});
