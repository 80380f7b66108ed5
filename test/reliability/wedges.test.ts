import { describe, expect, it } from "vitest";
import { api, ok, platform, stopAll } from "../platform/platform-harness";

/**
 * Inputs that once broke the platform for good (#15): whatever one request
 * does, the platform goes on answering every other, and starts again.
 */
describe("embedded platform: nothing a request does wedges it", () => {
  it("fails a build whose source URL does not parse, and goes on answering, also after a restart", async () => {
    // GIVEN an app, and a build of a source URL with a space and a bracket in its host
    const p = await platform({ delays: { buildMs: 0 } });
    await ok(p, "POST", "/apps", { name: "shop" });
    const accepted = await ok(p, "POST", "/apps/shop/builds", { source_blob: { url: "https://exa mple.com/[x.tgz" } });
    // WHEN the platform settles it and is asked for other things
    const builds = await ok(p, "GET", "/apps/shop/builds");
    // THEN that build failed, and every other request is answered
    expect(builds.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([[accepted.id, "failed"]]);
    expect((await ok(p, "GET", "/apps/shop")).name).toBe("shop");
    expect((await api(p, "GET", "/apps")).status).toBe(200);
    // AND a restarted platform loads its data and answers too
    await stopAll();
    const again = await platform({ dataDir: p.dataDir });
    expect((await ok(again, "GET", "/apps/shop/builds"))[0].status).toBe("failed");
    await stopAll();
  });
});
