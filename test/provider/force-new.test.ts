import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BlockSchema } from "../../provider/protocol/schema";
import { SCHEMAS } from "../../provider/protocol/schema";
import { RESOURCES } from "../../provider/resources";
import { FORCE_NEW } from "../../provider/resources/force-new";
import { TerraformDir } from "./terraform-harness";

const TABLE: Readonly<Record<string, readonly string[]>> = FORCE_NEW;

/** Whether `block.attribute` names an attribute of the schema, through nested blocks (internal helper). */
function isAttributePath(block: BlockSchema, [name, ...rest]: string[]): boolean {
  if (rest.length === 0) return name in (block.attributes ?? {});
  const nested = block.block_types?.[name];
  return nested !== undefined && isAttributePath(nested.block, rest);
}

describe("the ForceNew table", () => {
  it("has an entry for every resource of the provider schema, and no other", () => {
    expect(Object.keys(FORCE_NEW).sort()).toEqual(Object.keys(SCHEMAS.resource_schemas).sort());
  });

  it("names only attributes the schema has, nested ones through their block", () => {
    const unknown = Object.entries(TABLE).flatMap(([type, paths]) =>
      paths.filter((path) => !isAttributePath(SCHEMAS.resource_schemas[type].block, path.split("."))).map((path) => `${type}.${path}`),
    );
    expect(unknown).toEqual([]);
  });

  it("is what the local provider's resources plan replacement from", () => {
    const elsewhere = Object.entries(RESOURCES).filter(([type, resource]) => resource.forceNew !== TABLE[type]).map(([type]) => type);
    expect(elsewhere).toEqual([]);
  });
});

/** A state file holding these resources as they were applied (internal helper). */
function writeState(dir: string, resources: { type: string; name: string; attributes: Record<string, unknown> }[]): void {
  const state = {
    version: 4,
    terraform_version: "1.5.0",
    serial: 1,
    lineage: "b0c4b7a2-3f0e-4b8e-9d7a-2c1f0e5d6a71",
    outputs: {},
    resources: resources.map(({ type, name, attributes }) => ({
      mode: "managed",
      type,
      name,
      provider: 'provider["registry.terraform.io/heroku/heroku"]',
      instances: [{ schema_version: SCHEMAS.resource_schemas[type].version, attributes, sensitive_attributes: [] }],
    })),
  };
  writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(state));
}

describe("nested ForceNew attributes under real terraform", () => {
  it("replaces an app moved to another team and a pipeline given another owner", async () => {
    // GIVEN a team app and a team pipeline as applied
    const [team, otherTeam] = ["8a3c1f52-6b1d-4e0a-9f3e-2d7c5b4a1e01", "8a3c1f52-6b1d-4e0a-9f3e-2d7c5b4a1e02"];
    const tf = new TerraformDir({ HEROKU_API_KEY: "unused" }).write(`
resource "heroku_app" "shop" {
  name   = "shop"
  region = "us"
  organization { name = "beta" }
}
resource "heroku_pipeline" "shop" {
  name = "shop"
  owner {
    id   = "${otherTeam}"
    type = "team"
  }
}
`);
    writeState(tf.dir, [
      {
        type: "heroku_app",
        name: "shop",
        attributes: { id: "2f1e0d9c-0000-4000-8000-000000000001", name: "shop", region: "us", stack: "heroku-24", internal_routing: false, acm: false, organization: [{ name: "acme", locked: false, personal: false }] },
      },
      { type: "heroku_pipeline", name: "shop", attributes: { id: "2f1e0d9c-0000-4000-8000-000000000002", name: "shop", owner: [{ id: team, type: "team" }] } },
    ]);
    // WHEN the configuration names another team and another owner, and terraform plans (no API reads)
    expect((await tf.run("init")).code).toBe(0);
    const plan = await tf.run("plan", "-refresh=false", "-input=false", "-out=plan.bin");
    const show = await tf.run("show", "-json", "plan.bin");
    // THEN both are replaced, and Terraform marks the nested attribute that forces it
    expect(plan.code, plan.output).toBe(0);
    expect(plan.output).toMatch(/heroku_app\.shop must be replaced/);
    expect(plan.output).toMatch(/name += "acme" -> "beta" # forces replacement/);
    expect(plan.output).toMatch(/heroku_pipeline\.shop must be replaced/);
    expect(plan.output).toMatch(/id += "[0-9a-f-]+01" -> "[0-9a-f-]+02" # forces replacement/);
    const changes = JSON.parse(show.output.slice(show.output.indexOf("{"))).resource_changes as { address: string; change: { actions: string[]; replace_paths?: unknown } }[];
    const replaced = Object.fromEntries(changes.map((c) => [c.address, { actions: c.change.actions, paths: c.change.replace_paths }]));
    expect(replaced).toEqual({
      "heroku_app.shop": { actions: ["delete", "create"], paths: [["organization", 0, "name"]] },
      "heroku_pipeline.shop": { actions: ["delete", "create"], paths: [["owner", 0, "id"]] },
    });
  });
});
