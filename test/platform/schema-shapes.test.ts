import { describe, expect, it } from "vitest";
import { shapeProblems } from "./api-shapes";
import { build, ok, platform, tarball } from "./platform-harness";

/**
 * The records the platform serves against the official Platform API schema:
 * every property the schema lists is there, with a JSON type it allows
 * (heroku-go decodes strictly: a string where it wants an object fails it).
 */

/** One of each record the platform serves, keyed by its schema definition (internal helper). */
async function samples(p: { url: string; apiKey: string }): Promise<Record<string, any>> {
  const app = await ok(p, "POST", "/apps", { name: "shop" });
  const b = await build(p, "shop", tarball([{ name: "Procfile", content: "web: x\n" }]));
  const built = await ok(p, "GET", `/apps/shop/builds/${b.id}`);
  const addon = await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql" });
  const prod = await ok(p, "POST", "/apps", { name: "prod" });
  const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-line" });
  const c = await ok(p, "POST", "/pipeline-couplings", { app: app.id, pipeline: pipeline.id, stage: "staging" });
  await ok(p, "POST", "/pipeline-couplings", { app: prod.id, pipeline: pipeline.id, stage: "production" });
  const promo = await ok(p, "POST", "/pipeline-promotions", { pipeline: { id: pipeline.id }, source: { app: { id: app.id } }, targets: [{ app: { id: prod.id } }] });
  const samples: Record<string, any> = {
    account: await ok(p, "GET", "/account"),
    app: await ok(p, "GET", "/apps/shop"),
    build: built,
    slug: await ok(p, "GET", `/apps/shop/slugs/${built.slug.id}`),
    release: (await ok(p, "GET", "/apps/shop/releases"))[0],
    formation: await ok(p, "GET", "/apps/shop/formation/web"),
    dyno: (await ok(p, "GET", "/apps/shop/dynos"))[0],
    "add-on": await ok(p, "GET", `/addons/${addon.id}`),
    "add-on-attachment": (await ok(p, "GET", "/apps/shop/addon-attachments"))[0],
    domain: (await ok(p, "GET", "/apps/shop/domains"))[0],
    "sni-endpoint": await ok(p, "POST", "/apps/shop/sni-endpoints", { certificate_chain: "-----BEGIN CERTIFICATE-----", private_key: "PRIVATE KEY" }),
    pipeline,
    "pipeline-coupling": c,
    "pipeline-promotion": await ok(p, "GET", `/pipeline-promotions/${promo.id}`),
    "pipeline-promotion-target": (await ok(p, "GET", `/pipeline-promotions/${promo.id}/promotion-targets`))[0],
    collaborator: await ok(p, "POST", "/apps/shop/collaborators", { user: "a@b.co" }),
    "log-drain": await ok(p, "POST", "/apps/shop/log-drains", { url: "https://l.example.com" }),
    "app-webhook": await ok(p, "POST", "/apps/shop/webhooks", { url: "https://h.example.com", level: "notify", include: ["api:release"] }),
    "app-feature": (await ok(p, "GET", "/apps/shop/features"))[0],
    "buildpack-installation": (await ok(p, "PUT", "/apps/shop/buildpack-installations", { updates: [{ buildpack: "heroku/nodejs" }] }))[0],
  };
  return samples;
}

describe("embedded platform: records against the official schema", () => {
  it("serves every schema property with an allowed JSON type", async () => {
    // GIVEN the official schema's properties (reduced by scripts/extract-api-shapes.ts) and one of each record, made through the API
    const p = await platform();
    const served = await samples(p);
    // WHEN each record's properties are compared with its definition
    const problems = Object.entries(served).flatMap(([definition, record]) => shapeProblems(definition, record));
    // THEN nothing is missing or of the wrong type
    expect(problems).toEqual([]);
  });
});
