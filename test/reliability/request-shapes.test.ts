import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type RunningPlatform } from "../../platform";
import { LIST_MAX, NAME_MAX, PROCESS_TYPES_MAX, TEXT_MAX } from "../../platform/state/records";
import { ok, releasedApp } from "../platform/platform-harness";
import { dataFile, send } from "./platform-bad-input-harness";

/**
 * Bodies of the right JSON but the wrong shape: a field of a type the
 * Platform API schema does not give it, nested where it is flat, or larger
 * than what a record keeps. Each is refused with 422 `invalid_params` naming
 * the field, before anything is stored; the data file is byte for byte what
 * it was, and a platform restarted on it reads it.
 */
const dataDir = mkdtempSync(join(tmpdir(), "dynoform-request-shapes-"));
let p: RunningPlatform;
let ids: { shop: string; pipeline: string };

beforeAll(async () => {
  // GIVEN a released app with an add-on, a webhook and a certificate, and a pipeline with the app in it
  p = await startPlatform({ dataDir, port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  const shop = await releasedApp(p, "shop");
  await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "shop-cache" });
  await ok(p, "POST", "/apps/shop/webhooks", { url: "https://hooks.example.com", level: "notify", include: ["api:release"] });
  await ok(p, "POST", "/apps/shop/sni-endpoints", { certificate_chain: "-----BEGIN CERTIFICATE-----", private_key: "PRIVATE KEY" });
  const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-line" });
  await ok(p, "POST", "/pipeline-couplings", { app: shop.id, pipeline: pipeline.id, stage: "staging" });
  await ok(p, "GET", "/account");
  ids = { shop: shop.id, pipeline: pipeline.id };
});
afterAll(() => p.close());

/** The app's current release (lists come sorted by id, not by version) (internal helper). */
async function currentRelease(app: string): Promise<{ version: number; slug: { id: string } }> {
  const releases: { version: number; slug: { id: string } }[] = await ok(p, "GET", `/apps/${app}/releases`);
  return releases.reduce((a, b) => (b.version > a.version ? b : a));
}

/** A JSON body whose `process_types.web` nests `depth` objects deep, as text: too deep for JSON.stringify (internal helper). */
function deepSlug(depth: number): string {
  return `{"process_types":${'{"web":'.repeat(depth)}"node web.js"${"}".repeat(depth)}}`;
}

const invalid = (message: string) => ({ id: "invalid_params", message });
const long = (chars: number) => "x".repeat(chars);
const manyTypes = Object.fromEntries(Array.from({ length: PROCESS_TYPES_MAX + 1 }, (_, i) => [`worker${i}`, "node worker.js"]));

describe("request shapes: bodies the records could not keep", () => {
  it.each<[string, string, string, string | unknown, string]>([
    // slugs (heroku_slug): process_types is an object of strings, as the schema types it
    ["process types nested 5,000 levels deep", "POST", "/apps/shop/slugs", deepSlug(5000), "process_types.web is not a string"],
    ["process types that are a list", "POST", "/apps/shop/slugs", { process_types: ["web"] }, "process_types is not an object"],
    ["a command that is a number", "POST", "/apps/shop/slugs", { process_types: { web: 5000 } }, "process_types.web is not a string"],
    ["a process type name with a space", "POST", "/apps/shop/slugs", { process_types: { "my web": "node web.js" } }, "process_types['my web'] is not a valid key here"],
    [`${PROCESS_TYPES_MAX + 1} process types`, "POST", "/apps/shop/slugs", { process_types: manyTypes }, `process_types declares more than ${PROCESS_TYPES_MAX} process types`],
    ["a commit description over the bound", "POST", "/apps/shop/slugs", { process_types: { web: "x" }, commit_description: long(TEXT_MAX + 1) }, `commit_description is too long (maximum is ${TEXT_MAX} characters)`],
    // builds: a source URL and buildpacks as the schema types them
    ["a source URL over the bound", "POST", "/apps/shop/builds", { source_blob: { url: `https://example.com/${long(TEXT_MAX)}` } }, `source_blob.url is too long (maximum is ${TEXT_MAX} characters)`],
    ["a buildpack URL that is a number", "POST", "/apps/shop/builds", { source_blob: { url: "https://example.com/src.tgz" }, buildpacks: [{ url: 5 }] }, "buildpacks[0].url is not a string"],
    // add-ons and attachments
    ["an attachment name that is an object", "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", attachment: { name: { deep: { er: 1 } } } }, "attachment.name is not a string"],
    ["an add-on name over the bound", "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: long(NAME_MAX + 1) }, `name is too long (maximum is ${NAME_MAX} characters)`],
    ["an add-on renamed to an object", "PATCH", "/apps/shop/addons/shop-cache", { name: { a: 1 } }, "name is not a string"],
    ["an attachment namespace that is a number", "POST", "/addon-attachments", { addon: "shop-cache", app: "shop", name: "CACHE2", namespace: 7 }, "namespace is not a string"],
    // pipelines
    ["a pipeline owner whose id nests objects", "POST", "/pipelines", { name: "other-line", owner: { id: { id: { id: "x" } }, type: "user" } }, "owner.id is not a string"],
    // collaborators, drains, webhooks
    ["a collaborator that is an object", "POST", "/apps/shop/collaborators", { user: { email: "a@b.co" } }, "user is not a string"],
    ["a log drain URL that is an object", "POST", "/apps/shop/log-drains", { url: { href: "https://logs.example.com" } }, "url is not a string"],
    ["a log drain URL over the bound", "POST", "/apps/shop/log-drains", { url: `https://logs.example.com/${long(TEXT_MAX)}` }, `url is too long (maximum is ${TEXT_MAX} characters)`],
    ["webhook entities that are not a list", "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: "notify", include: "api:release" }, "include is not a list"],
    ["a webhook entity that is an object", "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: "notify", include: [{ entity: "api:release" }] }, "include[0] is not a string"],
    ["a webhook level that is a list", "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: ["notify"], include: ["api:release"] }, "level is not a string"],
    [`${LIST_MAX + 1} webhook entities`, "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: "notify", include: Array(LIST_MAX + 1).fill("api:release") }, `include has too many items (maximum is ${LIST_MAX})`],
    // certificates, domains, buildpacks
    ["a certificate chain over the bound", "POST", "/apps/shop/sni-endpoints", { certificate_chain: `-----BEGIN CERTIFICATE-----${long(TEXT_MAX)}`, private_key: "PRIVATE KEY" }, `certificate_chain is too long (maximum is ${TEXT_MAX} characters)`],
    ["a new certificate chain that is an object", "PATCH", "/apps/shop/sni-endpoints/agile-10000", { certificate_chain: { pem: "x" } }, "certificate_chain is not a string"],
    ["a hostname longer than DNS allows", "POST", "/apps/shop/domains", { hostname: `${"a.".repeat(127)}com` }, `${"a.".repeat(32)}… is not a valid hostname.`],
    [`${LIST_MAX + 1} buildpacks`, "PUT", "/apps/shop/buildpack-installations", { updates: Array(LIST_MAX + 1).fill({ buildpack: "heroku/nodejs" }) }, `updates has too many items (maximum is ${LIST_MAX})`],
  ])("refuses %s (%s %s), naming the field and changing nothing", async (_name, method, path, body, message) => {
    // GIVEN the seeded platform, and its data file as it is
    const before = dataFile(dataDir).toString("utf8");
    // WHEN the body is sent
    const res = await send(p, { method, path, body: typeof body === "string" ? body : JSON.stringify(body) });
    // THEN it is refused, naming the field
    expect(res).toEqual({ status: 422, body: invalid(message) });
    // AND nothing was written
    expect(dataFile(dataDir).toString("utf8")).toBe(before);
  });

  it("keeps a release description to the bound a record has, however long the one sent", async () => {
    // GIVEN the app's current slug
    const current = await currentRelease("shop");
    // WHEN it is released again with a description four times the bound
    const release = await ok(p, "POST", "/apps/shop/releases", { slug: current.slug.id, description: long(4 * TEXT_MAX) });
    // THEN the release is made, its description cut to the bound
    expect(release.description).toHaveLength(TEXT_MAX);
    expect(release.description.endsWith("…")).toBe(true);
  });

  it("promotes once to an app the targets name twice", async () => {
    // GIVEN a second app in the pipeline
    const prod = await ok(p, "POST", "/apps", { name: "shop-prod" });
    await ok(p, "POST", "/pipeline-couplings", { app: prod.id, pipeline: ids.pipeline, stage: "production" });
    // WHEN a promotion names it by id and by name, many times over
    const targets = Array.from({ length: 50 }, (_, i) => ({ app: { id: i % 2 ? prod.id : "shop-prod" } }));
    const promotion = await ok(p, "POST", "/pipeline-promotions", { pipeline: { id: ids.pipeline }, source: { app: { id: ids.shop } }, targets });
    // THEN it has one target, and the app one new release
    expect(await ok(p, "GET", `/pipeline-promotions/${promotion.id}/promotion-targets`)).toHaveLength(1);
    const releases: { version: number; description: string }[] = await ok(p, "GET", "/apps/shop-prod/releases");
    const descriptions = releases.sort((a, b) => a.version - b.version).map((r) => r.description);
    expect(descriptions).toEqual(["Initial release", expect.stringMatching(/^Promote shop v\d+$/)]);
  });

  it("leaves a data file that a platform restarted on it reads, with the app as it was", async () => {
    // GIVEN every refusal above
    const apps = await ok(p, "GET", "/apps");
    // WHEN the platform is restarted on its data
    await p.close();
    p = await startPlatform({ dataDir, port: 0 });
    // THEN it reads it and answers as before
    expect(await ok(p, "GET", "/apps")).toEqual(apps);
    const slug = await ok(p, "GET", `/apps/shop/slugs/${(await currentRelease("shop")).slug.id}`);
    expect(Object.keys(slug.process_types)).toEqual(["web", "worker"]);
  });
});
