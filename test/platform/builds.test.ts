import { describe, expect, it } from "vitest";
import { api, build, ok, platform, tarball } from "./platform-harness";

describe("embedded platform: sources, builds, slugs and releases", () => {
  it("builds an uploaded tarball into a slug of its Procfile's types and releases it", async () => {
    // GIVEN an app and a tarball of one top folder holding a Procfile
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const source = tarball([{ name: "shop/", type: "5" }, { name: "shop/Procfile", content: "web: node server.js\nrelease: node migrate.js\n" }]);
    // WHEN it is uploaded and built
    const created = await build(p, "shop", source);
    // THEN the build starts pending, then succeeds with a slug and a release of it
    expect(created).toMatchObject({ status: "pending", slug: null, source_blob: { version: "v1" } });
    const done = await ok(p, "GET", `/apps/shop/builds/${created.id}`);
    expect(done.status).toBe("succeeded");
    const slug = await ok(p, "GET", `/apps/shop/slugs/${done.slug.id}`);
    expect(slug.process_types).toEqual({ web: "node server.js", release: "node migrate.js" });
    const release = await ok(p, "GET", `/apps/shop/releases/${done.release.id}`);
    expect(release).toMatchObject({ current: true, slug: { id: slug.id } });
    expect((await ok(p, "GET", "/apps/shop/builds")).map((b: { id: string }) => b.id)).toEqual([created.id]);
    // AND its output is readable without the API key
    expect(await (await fetch(done.output_stream_url)).text()).toMatch(/declares types -> web, release/);
  });

  it("stays pending until its delay has passed", async () => {
    const p = await platform({ delays: { buildMs: 60_000 } });
    await ok(p, "POST", "/apps", { name: "shop" });
    const created = await build(p, "shop", tarball([{ name: "Procfile", content: "web: x\n" }]));
    expect((await ok(p, "GET", `/apps/shop/builds/${created.id}`)).status).toBe("pending");
  });

  it("fails to serve or accept a blob without its signature", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const { source_blob } = await ok(p, "POST", "/apps/shop/sources");
    const unsigned = source_blob.put_url.replace(/\?sig=.*/, "");
    expect((await fetch(unsigned, { method: "PUT", body: "x" })).status).toBe(403);
    expect((await fetch(`${unsigned}?sig=${"0".repeat(64)}`)).status).toBe(403);
  });

  it.each([
    ["a path out of the tree", [{ name: "../etc/passwd", content: "x" }], /refused \.\.\/etc\/passwd: paths must stay inside/],
    ["an absolute path", [{ name: "/etc/passwd", content: "x" }], /refused \/etc\/passwd: paths must stay inside/],
    ["a symbolic link", [{ name: "Procfile", type: "2" }], /refused Procfile: links are not allowed/],
  ])("fails the build of a tarball with %s, saying why in its output", async (_, entries, reason) => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const created = await build(p, "shop", tarball(entries));
    const done = await ok(p, "GET", `/apps/shop/builds/${created.id}`);
    expect(done).toMatchObject({ status: "failed", release: null });
    expect(await (await fetch(done.output_stream_url)).text()).toMatch(reason);
  });

  it("fails the build of a URL the platform cannot fetch", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const created = await ok(p, "POST", "/apps/shop/builds", { source_blob: { url: "https://example.invalid/src.tgz" } });
    const done = await ok(p, "GET", `/apps/shop/builds/${created.id}`);
    expect(done.status).toBe("failed");
    expect(await (await fetch(done.output_stream_url)).text()).toMatch(/could not fetch the source from https:\/\/example.invalid/);
  });

  it("fails a build without a source URL", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const res = await api(p, "POST", "/apps/shop/builds", { source_blob: {} });
    expect(res.status).toBe(422);
    expect((await res.json()).id).toBe("invalid_params");
  });

  it("releases a slug created directly, as heroku_slug and heroku_app_release do", async () => {
    // GIVEN a slug made through the API
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const slug = await ok(p, "POST", "/apps/shop/slugs", { process_types: { web: "bin/web" }, commit: "abc123" });
    expect(slug).toMatchObject({ commit: "abc123", blob: { method: "put" } });
    // WHEN it is released
    const release = await ok(p, "POST", "/apps/shop/releases", { slug: slug.id, description: "manual" });
    // THEN the release is current and web can be scaled
    expect(release).toMatchObject({ description: "manual", slug: { id: slug.id }, current: true });
    expect((await ok(p, "GET", "/apps/shop/formation/web")).quantity).toBe(1);
  });

  it("releases a slug of another app, which the app can then read, as Heroku allows copying slugs", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps", { name: "blog" });
    const slug = await ok(p, "POST", "/apps/blog/slugs", { process_types: { web: "x" } });
    expect((await api(p, "GET", `/apps/shop/slugs/${slug.id}`)).status).toBe(404);
    await ok(p, "POST", "/apps/shop/releases", { slug: slug.id });
    expect((await ok(p, "GET", `/apps/shop/slugs/${slug.id}`)).id).toBe(slug.id);
  });

  it("fails to release an unknown slug", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const res = await api(p, "POST", "/apps/shop/releases", { slug: "00000000-0000-4000-a000-000000000000" });
    expect(res.status).toBe(404);
    expect((await res.json()).id).toBe("not_found");
  });
});
