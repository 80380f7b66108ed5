import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../environment-files";
import { buildEstate } from "../../stacks/estate";

const APP_ID = "0b7a5bb4-2f6d-4b0e-9d7b-3a1c5e3f7d21";
const ADDON_ID = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
const PIPELINE_ID = "7e6d5c4b-3a29-4187-a6b5-c4d3e2f1a0b9";
const COUPLING_ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

function synthImported(importSection: string): Record<string, any> {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-imported-"));
  mkdirSync(join(dir, "environments"));
  writeFileSync(
    join(dir, "environments", "legacy.yaml"),
    `app: { name: legacy-shop, acm: true, features: [preboot] }
formation:
  web: { size: standard-1x, quantity: 2 }
addons:
  - { service: postgres, plan: standard-0 }
domains: [shop.example.com]
pipeline: { name: shop, stage: production }
${importSection}`,
  );
  const outdir = join(dir, "out");
  const app = new App({ outdir });
  buildEstate(app, loadEstate(join(dir, "environments")), { kind: "heroku" });
  app.synth();
  const read = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  return { legacy: read("legacy"), pipeline: read("pipeline-shop") };
}

describe("an environment brought under code by dynoform import", () => {
  it("adopts every live resource with the provider's import ids and builds nothing", () => {
    // GIVEN a file without a source and with the live ids dynoform import writes
    const { legacy, pipeline } = synthImported(
      `import:\n  app: ${APP_ID}\n  addons: { postgres: ${ADDON_ID} }\n  pipeline: ${PIPELINE_ID}\n  coupling: ${COUPLING_ID}\n`,
    );
    // THEN each resource has an import block, in the formats the provider's importers read
    const imports = Object.fromEntries((legacy.import as { to: string; id: string }[]).map((i) => [i.to, i.id]));
    expect(imports).toEqual({
      "heroku_app.app": APP_ID,
      "heroku_formation.formation_web": "legacy-shop:web",
      "heroku_domain.domain_shop_example_com": "legacy-shop:shop.example.com",
      "heroku_app_feature.feature_preboot": "legacy-shop:preboot",
      "heroku_addon.postgres": ADDON_ID,
    });
    expect(legacy.resource.heroku_build).toBeUndefined();
    expect(JSON.stringify(legacy.resource.heroku_formation)).not.toContain("heroku_build");
    const pipelineImports = (pipeline.import as { to: string; id: string }[]).map((i) => i.id).sort();
    expect(pipelineImports).toEqual([COUPLING_ID, PIPELINE_ID].sort());
  });

  it("fails when an imported add-on id names no add-on of the file", () => {
    expect(() => synthImported(`import:\n  app: ${APP_ID}\n  addons: { redis: ${ADDON_ID} }\n`)).toThrow(
      /import\.addons\.redis: no add-on has the address "redis" \(there are: postgres\)/,
    );
  });
});
