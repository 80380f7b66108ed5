import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPlatform, type RunningPlatform } from "../../platform";
import { MAX_BODY_BYTES } from "../../platform/protocol/http-server";
import { Router } from "../../platform/protocol/router";
import { build, ok, releasedApp, tar, type TarEntry } from "../platform/platform-harness";
import { dataFile, gzip, send, type RawRequest } from "./platform-bad-input-harness";

/**
 * Bad input, over real HTTP: each request is refused with the exact status
 * and `{id, message}` Heroku would send, and the platform's data file is the
 * same, byte for byte, afterwards. A refused build is recorded as failed, and
 * nothing else changes: no slug, no release, no formation.
 */

/**
 * The platform under test, and every write route it serves, as its handlers
 * add them to its router. They add them as it starts, before it first waits
 * (to listen), so the spy has seen them all once `startPlatform` returns its promise.
 */
const dataDir = mkdtempSync(join(tmpdir(), "dynoform-bad-input-"));
const add = vi.spyOn(Router.prototype, "add");
const starting = startPlatform({ dataDir, port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
const routes = add.mock.calls.map(([method, path]) => ({ method, path })).filter((r) => r.method !== "GET");
add.mockRestore();

const INVALID_JSON = { id: "bad_request", message: "Invalid JSON in request body." };
const NOT_JSON = { id: "unsupported_media_type", message: "Content-Type must be application/json." };
const TOO_LARGE = { id: "request_entity_too_large", message: "Request body is too large." };
const UNAUTHORIZED = { id: "unauthorized", message: "Invalid credentials provided." };
const NO_VERSION = { id: "bad_request", message: "Please specify a version: add the header `Accept: application/vnd.heroku+json; version=3`." };
const NO_ROUTE = {
  id: "not_found",
  message: "The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`), and did you specify your intended version with the `Accept` header?",
};
const BAD_APP_NAME = { id: "invalid_params", message: "Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes." };
const BAD_PIPELINE_NAME = { id: "invalid_params", message: "Name must start with a letter and can only contain lowercase letters, numbers, and dashes." };
const invalid = (message: string) => ({ id: "invalid_params", message });
const notFound = (resource: string) => ({ id: "not_found", message: `Couldn't find that ${resource.replace(/_/g, " ")}.`, resource });

/** The ids the seeded platform gave its records, for paths and bodies that name them. */
interface Seed {
  shop: string;
  blog: string;
  pipeline: string;
  coupling: string;
}

let p: RunningPlatform & { dataDir: string };
let seed: Seed;

beforeAll(async () => {
  p = { ...(await starting), dataDir };
  // GIVEN an estate with something of every kind a bad request could damage
  const shop = await releasedApp(p, "shop");
  const blog = await ok(p, "POST", "/apps", { name: "blog" });
  await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" });
  await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "shop-cache" });
  await ok(p, "POST", "/addon-attachments", { addon: "shop-db", app: "blog", name: "SHOP_DB" });
  await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com" });
  await ok(p, "POST", "/apps/shop/log-drains", { url: "https://logs.example.com/drain" });
  const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-pipeline" });
  await ok(p, "POST", "/pipelines", { name: "other-pipeline" });
  const coupling = await ok(p, "POST", "/pipeline-couplings", { app: shop.id, pipeline: pipeline.id, stage: "production" });
  // Whatever is pending (provisioning) finishes now, so that only a bad request could change the file.
  await ok(p, "GET", "/account");
  seed = { shop: shop.id, blog: blog.id, pipeline: pipeline.id, coupling: coupling.id };
});
afterAll(async () => (await starting).close());

/** Sends a request; it must be refused with exactly this answer, and leave the data file as it was. */
async function expectRefused(req: RawRequest, status: number, error: unknown): Promise<void> {
  const before = dataFile(p.dataDir).toString("utf8");
  const res = await send(p, req);
  expect(res).toEqual({ status, body: error });
  expect(dataFile(p.dataDir).toString("utf8")).toBe(before);
}

/** A concrete path of a route: its parameters name nothing (the body is refused before any look-up). */
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, "no-such-$1");

describe("bad input: bodies on every write route", () => {
  it("enumerates the write routes from the router", () => {
    // THEN the corpus below covers every write route the handlers add, some of each verb
    expect(routes.length).toBeGreaterThan(40);
    expect(new Set(routes.map((r) => r.method))).toEqual(new Set(["POST", "PATCH", "PUT", "DELETE"]));
  });

  const BODIES: [string, Pick<RawRequest, "body" | "headers">, number, unknown][] = [
    ["invalid JSON", { body: '{"name": "shop",' }, 400, INVALID_JSON],
    ["a text/plain body", { body: '{"name": "shop"}', headers: { "Content-Type": "text/plain" } }, 415, NOT_JSON],
    ["a JSON array", { body: '[{"name": "shop"}]' }, 400, INVALID_JSON],
    ["a JSON string", { body: '"shop"' }, 400, INVALID_JSON],
  ];
  const cases = routes.flatMap(({ method, path }) => BODIES.map(([kind, req, status, error]) => [`${method} ${path} with ${kind}`, method, path, req, status, error] as const));

  it.each(cases)("fails %s, changing nothing", async (_name, method, path, req, status, error) => {
    // GIVEN the seeded platform
    // WHEN the route is sent a body that is not a JSON object
    // THEN it is refused before any handler runs, and the data file is unchanged
    await expectRefused({ method, path: concrete(path), ...req }, status, error);
  });
});

describe("bad input: the request around the body", () => {
  const app = '{"name": "new-app"}';
  /** A JSON object of exactly this many bytes, one the platform would otherwise accept. */
  const big = (bytes: number) => {
    const head = '{"name": "new-app", "pad": "';
    return `${head}${" ".repeat(bytes - head.length - 2)}"}`;
  };
  it.each<[string, RawRequest, number, unknown]>([
    ["an oversized body with its Content-Length", { method: "POST", path: "/apps", body: big(MAX_BODY_BYTES + 1) }, 413, TOO_LARGE],
    ["an oversized body sent chunked, without a length", { method: "POST", path: "/apps", body: big(MAX_BODY_BYTES + 1), chunked: true }, 413, TOO_LARGE],
    ["an oversized body far over the limit, chunked", { method: "PATCH", path: "/apps/shop/config-vars", body: big(4 * MAX_BODY_BYTES), chunked: true }, 413, TOO_LARGE],
    ["a body of exactly the limit that is not JSON (read, not refused as too large)", { method: "POST", path: "/apps", body: "{".repeat(MAX_BODY_BYTES) }, 400, INVALID_JSON],
    ["a form-encoded body", { method: "POST", path: "/apps", body: "name=new-app", headers: { "Content-Type": "application/x-www-form-urlencoded" } }, 415, NOT_JSON],
    ["a JSON body with no Content-Type", { method: "POST", path: "/apps", body: app, headers: { "Content-Type": null } }, 415, NOT_JSON],
    ["a body that is JSON null", { method: "POST", path: "/apps", body: "null" }, 400, INVALID_JSON],
    ["a body that is a JSON number", { method: "POST", path: "/apps", body: "42" }, 400, INVALID_JSON],
    ["bytes that are not UTF-8 JSON", { method: "POST", path: "/apps", body: Buffer.from([0xff, 0xfe, 0x7b, 0x00]) }, 400, INVALID_JSON],
    ["no API key", { method: "POST", path: "/apps", body: app, headers: { Authorization: null } }, 401, UNAUTHORIZED],
    ["a wrong key", { method: "POST", path: "/apps", body: app, headers: { Authorization: "Bearer 0123456789abcdef" } }, 401, UNAUTHORIZED],
    ["an empty Bearer", { method: "POST", path: "/apps", body: app, headers: { Authorization: "Bearer " } }, 401, UNAUTHORIZED],
    ["a Bearer scheme alone", { method: "POST", path: "/apps", body: app, headers: { Authorization: "Bearer" } }, 401, UNAUTHORIZED],
    ["Basic with garbage", { method: "POST", path: "/apps", body: app, headers: { Authorization: "Basic %%%not-base64%%%" } }, 401, UNAUTHORIZED],
    ["Basic with no password", { method: "POST", path: "/apps", body: app, headers: { Authorization: `Basic ${Buffer.from("me").toString("base64")}` } }, 401, UNAUTHORIZED],
    ["Basic with a wrong password", { method: "POST", path: "/apps", body: app, headers: { Authorization: `Basic ${Buffer.from("me:wrong").toString("base64")}` } }, 401, UNAUTHORIZED],
    ["an unknown scheme", { method: "POST", path: "/apps", body: app, headers: { Authorization: "Token abc" } }, 401, UNAUTHORIZED],
    ["no Accept header", { method: "POST", path: "/apps", body: app, headers: { Accept: null } }, 400, NO_VERSION],
    ["Accept: application/json", { method: "POST", path: "/apps", body: app, headers: { Accept: "application/json" } }, 400, NO_VERSION],
    ["an unknown API version", { method: "POST", path: "/apps", body: app, headers: { Accept: "application/vnd.heroku+json; version=2" } }, 400, NO_VERSION],
    ["the Heroku media type without a version", { method: "POST", path: "/apps", body: app, headers: { Accept: "application/vnd.heroku+json" } }, 400, NO_VERSION],
    ["an unknown route", { method: "POST", path: "/nothing-here", body: app }, 404, NO_ROUTE],
    ["a known path with the wrong verb", { method: "PUT", path: "/apps", body: app }, 404, NO_ROUTE],
    ["a path that is not a URL", { method: "POST", path: "//", body: app }, 404, NO_ROUTE],
  ])("fails %s, changing nothing", async (_name, req, status, error) => {
    // GIVEN the seeded platform
    // WHEN a write is sent with this defect
    // THEN it is refused with Heroku's error, and nothing is written
    await expectRefused(req, status, error);
  });

  it("fails without the key even when the body is also bad: authentication is checked first", async () => {
    // GIVEN a request with no key and an invalid body
    // WHEN it is sent
    // THEN the answer is about the key, never about the body
    await expectRefused({ method: "POST", path: "/apps", body: "{nope", headers: { Authorization: null } }, 401, UNAUTHORIZED);
  });
});

describe("bad input: source tarballs the build refuses", () => {
  /** A Procfile that would add a process type, were the build to succeed. */
  const procfile: TarEntry = { name: "Procfile", content: "web: node server.js\nworker: node worker.js\nintruder: node evil.js\n" };
  const whole = tar([procfile, { name: "server.js", content: "console.log('hello');\n".repeat(40) }]);

  it.each<[string, () => Buffer, string]>([
    ["an entry with a ../ path", () => gzip(tar([procfile, { name: "../outside", content: "x" }])), "refused ../outside: paths must stay inside the source tree"],
    ["an entry climbing out through a subfolder", () => gzip(tar([procfile, { name: "app/../../etc/cron.d/x", content: "x" }])), "refused app/../../etc/cron.d/x: paths must stay inside the source tree"],
    ["an entry with ./../ in its path", () => gzip(tar([procfile, { name: "./../x", content: "x" }])), "refused ./../x: paths must stay inside the source tree"],
    ["an entry with an absolute path", () => gzip(tar([procfile, { name: "/etc/passwd", content: "x" }])), "refused /etc/passwd: paths must stay inside the source tree"],
    ["a symbolic link pointing outside the tree", () => gzip(tar([procfile, { name: "config", type: "2", linkname: "../../../etc" }])), "refused config: links are not allowed in a source tarball"],
    ["a symbolic link to an absolute path", () => gzip(tar([procfile, { name: "secrets", type: "2", linkname: "/etc/shadow" }])), "refused secrets: links are not allowed in a source tarball"],
    ["a hard link", () => gzip(tar([procfile, { name: "hard", type: "1", linkname: "/etc/passwd" }])), "refused hard: links are not allowed in a source tarball"],
    ["bytes that are not gzip", () => Buffer.from("this is not a tarball\n"), "the source is not a gzipped tarball"],
    ["an uncompressed tar", () => whole, "the source is not a gzipped tarball"],
    ["gzip of bytes that are not a tar archive", () => gzip(Buffer.from("Procfile\nweb: node server.js\n".repeat(40))), "the source is gzipped but is not a tar archive"],
    ["a gzip stream cut short", () => gzip(whole).subarray(0, 60), "the source tarball is truncated: its gzip stream ends early"],
    ["a tar cut inside an entry's content", () => gzip(whole.subarray(0, 512 * 3 + 100)), "the source tarball is truncated: server.js ends early"],
    ["a tar cut inside an entry's header", () => gzip(whole.subarray(0, 512 * 2 + 200)), "the source tarball is truncated: it ends inside an entry's header"],
    ["an empty upload", () => Buffer.alloc(0), "the source is empty"],
  ])("fails the build of %s, leaving no release and no formation change", async (_name, source, reason) => {
    // GIVEN the released app shop, and the data as it is
    const before = JSON.parse(dataFile(p.dataDir).toString("utf8"));
    // WHEN the tarball is uploaded and built
    const created = await build(p, "shop", source());
    // THEN the build fails, saying why in its output, as Heroku's does
    const done = await ok(p, "GET", `/apps/shop/builds/${created.id}`);
    expect(done).toMatchObject({ status: "failed", slug: null, release: null });
    expect(await (await fetch(done.output_stream_url)).text()).toBe(`-----> Building on the dynoform embedded platform\n !     ${reason}\n !     Build failed\n`);
    // AND nothing but the failed build's record has changed: no slug, no release, no formation, no config
    const after = JSON.parse(dataFile(p.dataDir).toString("utf8"));
    expect(after.builds.filter((b: { id: string }) => b.id !== created.id)).toEqual(before.builds);
    expect({ ...after, builds: before.builds }).toEqual(before);
    expect((await ok(p, "GET", "/apps/shop/formation")).map((f: { type: string }) => f.type).sort()).toEqual(["web", "worker"]);
  });

  it("builds the same tarball whole, so the refusals above are about the defects alone", async () => {
    // GIVEN a second app
    await ok(p, "POST", "/apps", { name: "control" });
    // WHEN the whole archive is built
    const created = await build(p, "control", gzip(whole));
    // THEN it succeeds with the Procfile's types
    expect((await ok(p, "GET", `/apps/control/builds/${created.id}`)).status).toBe("succeeded");
    expect((await ok(p, "GET", "/apps/control/formation")).map((f: { type: string }) => f.type).sort()).toEqual(["intruder", "web", "worker"]);
    await ok(p, "DELETE", "/apps/control");
  });
});

type Body = unknown | ((s: Seed) => unknown);

describe("bad input: invalid params", () => {
  it.each<[string, string, string, Body, number, unknown]>([
    // apps
    ["an app name too short", "POST", "/apps", { name: "ab" }, 422, BAD_APP_NAME],
    ["an app name in uppercase", "POST", "/apps", { name: "Shop-Two" }, 422, BAD_APP_NAME],
    ["an app name starting with a digit", "POST", "/apps", { name: "1shop" }, 422, BAD_APP_NAME],
    ["an app name ending with a dash", "POST", "/apps", { name: "shop-" }, 422, BAD_APP_NAME],
    ["an app name with an underscore", "POST", "/apps", { name: "shop_two" }, 422, BAD_APP_NAME],
    ["an app name of 31 characters", "POST", "/apps", { name: "a".repeat(31) }, 422, invalid("Name is too long (maximum is 30 characters)")],
    ["a taken app name", "POST", "/apps", { name: "shop" }, 422, invalid("Name is already taken")],
    ["an app name that is not a string", "POST", "/apps", { name: 42 }, 422, invalid("name must be a string")],
    ["an unknown region", "POST", "/apps", { name: "new-app", region: "mars" }, 404, notFound("region")],
    ["an unknown stack", "POST", "/apps", { name: "new-app", stack: "heroku-99" }, 404, notFound("stack")],
    ["a rename to a taken name", "PATCH", "/apps/shop", { name: "blog" }, 422, invalid("Name is already taken")],
    ["a rename to a bad name", "PATCH", "/apps/shop", { name: "Shop" }, 422, BAD_APP_NAME],
    ["an unknown build stack", "PATCH", "/apps/shop", { build_stack: "heroku-99" }, 404, notFound("stack")],
    ["maintenance that is not a boolean", "PATCH", "/apps/shop", { maintenance: "yes" }, 422, invalid("maintenance must be true or false")],
    ["deleting an unknown app", "DELETE", "/apps/nope", undefined, 404, notFound("app")],
    // config vars
    ["a config var that is a number", "PATCH", "/apps/shop/config-vars", { PORT: 5000 }, 422, invalid("Config var PORT must be a string or null")],
    ["a config var that is an object, beside a good one", "PATCH", "/apps/shop/config-vars", { GOOD: "1", BAD: { a: 1 } }, 422, invalid("Config var BAD must be a string or null")],
    ["config vars of an unknown app", "PATCH", "/apps/nope/config-vars", { A: "1" }, 404, notFound("app")],
    // formation
    ["a bad dyno size", "PATCH", "/apps/shop/formation/web", { size: "huge" }, 422, invalid("Invalid dyno size: huge")],
    ["a bad dyno size by name", "PATCH", "/apps/shop/formation/web", { dyno_size: { name: "huge" } }, 422, invalid("Invalid dyno size: huge")],
    ["a negative quantity", "PATCH", "/apps/shop/formation/web", { quantity: -1 }, 422, invalid("Invalid quantity: -1")],
    ["a fractional quantity", "PATCH", "/apps/shop/formation/web", { quantity: 1.5 }, 422, invalid("Invalid quantity: 1.5")],
    ["a quantity that is a word", "PATCH", "/apps/shop/formation/web", { quantity: "many" }, 422, invalid("Invalid quantity: many")],
    ["a quantity that is an empty string", "PATCH", "/apps/shop/formation/web", { quantity: "" }, 422, invalid("Invalid quantity: ")],
    ["a quantity that is null", "PATCH", "/apps/shop/formation/web", { quantity: null }, 422, invalid("Invalid quantity: null")],
    ["a relative quantity below zero", "PATCH", "/apps/shop/formation/worker", { quantity: "-5" }, 422, invalid("Invalid quantity: -5")],
    ["more dynos than the size allows", "PATCH", "/apps/shop/formation/web", { quantity: 2 }, 422, { id: "cannot_update_formation", message: "Cannot update to more than 1 Basic size dynos per process type." }],
    ["scaling an undeclared process type", "PATCH", "/apps/shop/formation/x", { quantity: 1 }, 404, { id: "not_found", message: "Couldn't find that process type (x)." }],
    ["a batch scaling an undeclared process type after a good one", "PATCH", "/apps/shop/formation", { updates: [{ type: "worker", quantity: 1 }, { type: "x", quantity: 1 }] }, 404, { id: "not_found", message: "Couldn't find that process type (x)." }],
    ["an empty batch", "PATCH", "/apps/shop/formation", { updates: [] }, 422, invalid("updates is required")],
    ["a batch holding null", "PATCH", "/apps/shop/formation", { updates: [null] }, 422, invalid('updates must be objects: [{"type": "web", "quantity": 1}]')],
    // builds, slugs, releases
    ["a build without a source URL", "POST", "/apps/shop/builds", { source_blob: {} }, 422, invalid("source_blob.url is required")],
    ["a build whose source_blob is a string", "POST", "/apps/shop/builds", { source_blob: "https://example.com/src.tgz" }, 422, invalid("source_blob.url is required")],
    ["a build with a null buildpack", "POST", "/apps/shop/builds", { source_blob: { url: "https://example.com/src.tgz" }, buildpacks: [null] }, 422, invalid('buildpacks must be objects: [{"url": "heroku/nodejs"}]')],
    ["a build of an unknown app", "POST", "/apps/nope/builds", { source_blob: { url: "https://example.com/src.tgz" } }, 404, notFound("app")],
    ["sources for an unknown app", "POST", "/apps/nope/sources", undefined, 404, notFound("app")],
    ["a slug without process types", "POST", "/apps/shop/slugs", {}, 422, invalid("process_types is required")],
    ["a release of an unknown slug", "POST", "/apps/shop/releases", { slug: "00000000-0000-4000-a000-000000000000" }, 404, notFound("slug")],
    // add-ons
    ["an unknown add-on plan", "POST", "/apps/shop/addons", { plan: "heroku-postgresql:galaxy-9000" }, 422, invalid('Couldn\'t find either the add-on service or the add-on plan of "heroku-postgresql:galaxy-9000".')],
    ["an unknown add-on service", "POST", "/apps/shop/addons", { plan: "no-such-service" }, 422, invalid('Couldn\'t find either the add-on service or the add-on plan of "no-such-service".')],
    ["a taken add-on name", "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "shop-db" }, 422, invalid("Name shop-db is already taken.")],
    ["a taken attachment name", "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", attachment: { name: "DATABASE" } }, 422, invalid("Name DATABASE is already used by another attachment on shop.")],
    ["a plan change to another service's plan", "PATCH", "/apps/shop/addons/shop-db", { plan: "heroku-redis:mini" }, 422, invalid('Couldn\'t find either the add-on service or the add-on plan of "heroku-redis:mini".')],
    ["an add-on renamed to a taken name", "PATCH", "/apps/shop/addons/shop-cache", { name: "shop-db" }, 422, invalid("Name shop-db is already taken.")],
    ["removing an add-on from the app it is only attached to", "DELETE", "/apps/blog/addons/shop-db", undefined, 422, invalid("shop-db is attached to blog but owned by shop.")],
    ["an attachment under a taken name", "POST", "/addon-attachments", { addon: "shop-db", app: "blog", name: "SHOP_DB" }, 422, invalid("Name SHOP_DB is already used by another attachment on blog.")],
    ["an attachment of an unknown add-on", "POST", "/addon-attachments", { addon: "nope", app: "blog" }, 404, notFound("add_on")],
    ["removing an unknown attachment", "DELETE", "/addon-attachments/nope", undefined, 404, notFound("add_on_attachment")],
    // domains and certificates
    ["a hostname with a space", "POST", "/apps/shop/domains", { hostname: "not a host" }, 422, invalid("not a host is not a valid hostname.")],
    ["an empty hostname", "POST", "/apps/shop/domains", { hostname: "" }, 422, invalid("(empty) is not a valid hostname.")],
    ["a hostname starting with a dash", "POST", "/apps/shop/domains", { hostname: "-www.example.com" }, 422, invalid("-www.example.com is not a valid hostname.")],
    ["a hostname the app already has", "POST", "/apps/shop/domains", { hostname: "www.example.com" }, 422, invalid("Domain already added to this app.")],
    ["a hostname another app has, in capitals", "POST", "/apps/blog/domains", { hostname: "WWW.EXAMPLE.COM" }, 422, invalid("Domain already added to another app.")],
    ["a herokuapp.com hostname", "POST", "/apps/blog/domains", { hostname: "blog2.herokuapp.com" }, 422, invalid("herokuapp.com domains are managed by Heroku.")],
    ["an unknown SNI endpoint", "POST", "/apps/shop/domains", { hostname: "api.example.com", sni_endpoint: "nope" }, 404, notFound("sni_endpoint")],
    ["removing the herokuapp.com domain", "DELETE", "/apps/shop/domains/shop.herokuapp.com", undefined, 422, invalid("The herokuapp.com domain cannot be removed.")],
    ["a certificate that is not PEM", "POST", "/apps/shop/sni-endpoints", { certificate_chain: "cert", private_key: "key" }, 422, invalid("certificate_chain must be a PEM certificate chain.")],
    // pipelines
    ["a bad pipeline name", "POST", "/pipelines", { name: "Shop Pipeline" }, 422, BAD_PIPELINE_NAME],
    ["a taken pipeline name", "POST", "/pipelines", { name: "shop-pipeline" }, 422, invalid("Name has already been taken.")],
    ["a pipeline renamed to a taken name", "PATCH", "/pipelines/shop-pipeline", { name: "other-pipeline" }, 422, invalid("Name has already been taken.")],
    ["a pipeline renamed to a bad name", "PATCH", "/pipelines/shop-pipeline", { name: "Bad Name!" }, 422, BAD_PIPELINE_NAME],
    ["a coupling with a bad stage", "POST", "/pipeline-couplings", (s: Seed) => ({ app: s.blog, pipeline: s.pipeline, stage: "prod" }), 422, invalid("Stage must be one of review, development, staging, production.")],
    ["a coupling of an app already in a pipeline", "POST", "/pipeline-couplings", (s: Seed) => ({ app: s.shop, pipeline: s.pipeline, stage: "staging" }), 422, invalid("shop is already a member of a pipeline.")],
    ["a coupling to an unknown pipeline", "POST", "/pipeline-couplings", { app: "blog", pipeline: "nope", stage: "staging" }, 404, notFound("pipeline")],
    ["a coupling moved to a bad stage", "PATCH", "/pipeline-couplings/:coupling", { stage: "qa" }, 422, invalid("Stage must be one of review, development, staging, production.")],
    ["stage config vars of a bad stage", "PATCH", "/pipelines/shop-pipeline/stage/prod/config-vars", { A: "1" }, 422, invalid("Stage must be one of test, review, development, staging, production.")],
    ["a stage config var that is a number", "PATCH", "/pipelines/shop-pipeline/stage/test/config-vars", { A: 1 }, 422, invalid("Config var A must be a string or null")],
    ["a promotion without targets", "POST", "/pipeline-promotions", (s: Seed) => ({ pipeline: { id: s.pipeline }, source: { app: { id: s.shop } }, targets: [] }), 422, invalid("targets must name at least one app.")],
    ["a promotion to an app outside the pipeline", "POST", "/pipeline-promotions", (s: Seed) => ({ pipeline: { id: s.pipeline }, source: { app: { id: s.shop } }, targets: [{ app: { id: s.blog } }] }), 422, invalid("blog is not in pipeline shop-pipeline.")],
    ["a promotion to a null target", "POST", "/pipeline-promotions", (s: Seed) => ({ pipeline: { id: s.pipeline }, source: { app: { id: s.shop } }, targets: [null] }), 404, notFound("app")],
    // collaborators, drains, webhooks, filters
    ["a collaborator that is not an email", "POST", "/apps/shop/collaborators", { user: "not-an-email" }, 422, invalid("not-an-email is not a valid email address.")],
    ["the owner as a collaborator", "POST", "/apps/shop/collaborators", { user: "developer@dynoform.local" }, 422, invalid("developer@dynoform.local is already a collaborator on shop.")],
    ["a log drain that is not a URL", "POST", "/apps/shop/log-drains", { url: "ftp://logs.example.com" }, 422, invalid("Url is invalid")],
    ["a log drain the app has", "POST", "/apps/shop/log-drains", { url: "https://logs.example.com/drain" }, 422, invalid("Url has already been taken")],
    ["a webhook that is not http(s)", "POST", "/apps/shop/webhooks", { url: "ftp://hooks.example.com", level: "notify", include: ["api:release"] }, 422, invalid("url must be an http(s) URL.")],
    ["a webhook with a bad level", "POST", "/apps/shop/webhooks", { url: "https://hooks.example.com", level: "loud", include: ["api:release"] }, 422, invalid("level must be notify or sync.")],
    ["a webhook including nothing", "POST", "/apps/shop/webhooks", { url: "https://hooks.example.com", level: "notify", include: [] }, 422, invalid("include must name at least one entity.")],
    ["an app filter whose ids are not a list", "POST", "/filters/apps", { in: { id: "shop" } }, 422, invalid("in.id must be a list of app ids")],
    // features and buildpacks
    ["an unknown feature", "PATCH", "/apps/shop/features/nope", { enabled: true }, 404, notFound("feature")],
    ["a feature enabled with a word", "PATCH", "/apps/shop/features/preboot", { enabled: "yes" }, 422, invalid("enabled must be true or false")],
    ["preboot on basic dynos", "PATCH", "/apps/shop/features/preboot", { enabled: true }, 422, invalid("preboot is only available on Standard and Performance dynos.")],
    ["an empty buildpack", "PUT", "/apps/shop/buildpack-installations", { updates: [{ buildpack: "" }] }, 422, invalid('updates must list buildpacks: [{"buildpack": "heroku/python"}]')],
    ["a null buildpack", "PUT", "/apps/shop/buildpack-installations", { updates: [null] }, 422, invalid('updates must list buildpacks: [{"buildpack": "heroku/python"}]')],
  ])("fails %s (%s %s), changing nothing", async (_name, method, path, body, status, error) => {
    // GIVEN the seeded platform
    const json = typeof body === "function" ? (body as (s: Seed) => unknown)(seed) : body;
    // WHEN the request is made
    // THEN it is refused with the handler's Heroku-style error, and the data file is unchanged
    await expectRefused({ method, path: path.replace(/:(\w+)/g, (_, key: keyof Seed) => seed[key]), body: json === undefined ? undefined : JSON.stringify(json) }, status, error);
  });
});

describe("bad input: a corrupt platform data file", () => {
  it.each<[string, (good: string) => string, (text: string) => string]>([
    ["garbage bytes", () => "\u0000\u0001 not json at all", (text) => `it is not valid JSON (${parseError(text)})`],
    ["JSON cut short", (good) => good.slice(0, Math.floor(good.length / 2)), (text) => `it is not valid JSON (${parseError(text)})`],
    ["an empty file", () => "", () => "it is empty"],
    ["JSON null", () => "null", () => "it holds null, not an object"],
    ["a JSON array", () => "[]", () => "it holds an array, not an object"],
    ["a JSON string", () => '"platform"', () => "it holds a string, not an object"],
    ["a collection of the wrong kind", (good) => JSON.stringify({ ...JSON.parse(good), apps: 5 }), () => 'its "apps" is not a list'],
  ])("fails to start on %s, naming the file and leaving it as it was", async (_name, damage, reason) => {
    // GIVEN a data directory a platform has used, its data file then damaged
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-corrupt-"));
    const first = await startPlatform({ dataDir, port: 0 });
    await ok(first, "POST", "/apps", { name: "kept" });
    await first.close();
    const file = join(dataDir, "platform.json");
    const damaged = damage(readFileSync(file, "utf8"));
    writeFileSync(file, damaged);
    // WHEN a platform is started on it
    const started = startPlatform({ dataDir, port: 0 });
    // THEN it refuses, saying which file and what is wrong with it
    await expect(started).rejects.toThrow(
      `cannot read the platform's data file ${file}: ${reason(damaged)}. It is left as it is: restore it from a backup, or move it away to start with no data.`,
    );
    // AND the file is as the user left it, to inspect or restore
    expect(readFileSync(file, "utf8")).toBe(damaged);
    // AND the failed start left the directory unlocked: with the file restored, a platform starts on it
    writeFileSync(file, damaged === "" ? "{}" : JSON.stringify({ apps: [] }));
    await (await startPlatform({ dataDir, port: 0 })).close();
  });

  it("fails to start on corrupt credentials, naming the file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-corrupt-"));
    await (await startPlatform({ dataDir, port: 0 })).close();
    const file = join(dataDir, "credentials.json");
    writeFileSync(file, '{"email": "developer@dynoform.local"}');
    await expect(startPlatform({ dataDir, port: 0 })).rejects.toThrow(`cannot read the platform's data file ${file}: it holds no apiKey.`);
  });
});

/** What JSON.parse says of a text, as this Node words it (internal helper). */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the text parses");
}
