import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing, TerraformStack, TerraformResource, TerraformDataSource } from "cdktf";
import { describe, expect, it } from "vitest";
import * as heroku from "../../.gen/providers/heroku";

/**
 * The bindings are generated from provider/heroku-schema.json; these tests
 * prove the two agree, class by class and attribute by attribute.
 */
type Block = {
  attributes?: Record<string, { type: unknown; required?: boolean; optional?: boolean; computed?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; max_items?: number; block: Block }>;
};
type Schema = { block: Block; version: number };

const root = join(__dirname, "..", "..");
const providerSchema = JSON.parse(readFileSync(join(root, "provider", "heroku-schema.json"), "utf8")).provider_schemas[
  "registry.terraform.io/heroku/heroku"
] as { provider: Schema; resource_schemas: Record<string, Schema>; data_source_schemas: Record<string, Schema> };

/** heroku_app_config_association -> AppConfigAssociation, as cdktf names classes. */
function className(type: string, prefix = ""): string {
  return (
    prefix +
    type
      .replace(/^heroku_/, "")
      .split("_")
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join("")
  );
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A value of the attribute's cty type, so that every required field can be set. */
function sample(type: unknown): unknown {
  if (type === "string") return "x";
  if (type === "number") return 1;
  if (type === "bool") return true;
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [sample(type[1])];
  if (Array.isArray(type) && type[0] === "map") return { k: sample(type[1]) };
  throw new Error(`no sample for cty type ${JSON.stringify(type)}`);
}

/** Props with every attribute and every block set, and the names cdktf must write for them. */
function fullProps(block: Block): { props: Record<string, unknown>; names: Record<string, unknown> } {
  const props: Record<string, unknown> = {};
  const names: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (name === "id") continue; // cdktf reserves `id`; the schema's implicit id is computed
    if (attr.computed && !attr.optional && !attr.required) continue;
    props[camel(name)] = sample(attr.type);
    names[name] = true;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    if (name === "timeouts") continue; // SDK timeouts blocks are typed objects, not lists, in cdktf
    const inner = fullProps(nested.block);
    // cdktf types a list block of at most one item as a single object
    const single = nested.max_items === 1 || nested.nesting_mode === "single";
    props[camel(name)] = single ? inner.props : [inner.props];
    names[name] = inner.names;
  }
  return { props, names };
}

function expectSameKeys(written: unknown, expected: Record<string, unknown>): void {
  const value = Array.isArray(written) ? written[0] : written;
  expect(Object.keys(value as object).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, nested] of Object.entries(expected)) {
    if (nested !== true) expectSameKeys((value as Record<string, unknown>)[key], nested as Record<string, unknown>);
  }
}

describe("heroku/heroku 5.3.2 bindings", () => {
  it("has 29 resources and 7 data sources in the schema file", () => {
    expect(Object.keys(providerSchema.resource_schemas)).toHaveLength(29);
    expect(Object.keys(providerSchema.data_source_schemas)).toHaveLength(7);
  });

  it("generated one binding folder per resource and data source, and the provider", () => {
    const folders = readdirSync(join(root, ".gen", "providers", "heroku"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const expected = [
      "provider",
      ...Object.keys(providerSchema.resource_schemas).map((t) => t.replace(/^heroku_/, "").replace(/_/g, "-")),
      ...Object.keys(providerSchema.data_source_schemas).map((t) => `data-${t.replace(/_/g, "-")}`),
    ].sort();
    expect(folders).toEqual(expected);
  });

  const kinds = [
    ["resource", providerSchema.resource_schemas, "", "resource"],
    ["data source", providerSchema.data_source_schemas, "DataHeroku", "data"],
  ] as const;
  for (const [kind, schemas, prefix, jsonKey] of kinds) {
    for (const [type, schema] of Object.entries(schemas)) {
      it(`synthesizes ${kind} ${type} with exactly the schema's attribute names`, () => {
        // GIVEN every settable attribute and block of the schema
        const { props, names } = fullProps(schema.block);
        const namespace = (heroku as Record<string, Record<string, unknown>>)[camel(className(type, prefix).replace(/^./, (c) => c.toLowerCase()))];
        const Cls = namespace[className(type, prefix)] as new (s: TerraformStack, id: string, p: unknown) => TerraformResource | TerraformDataSource;
        expect(Cls).toBeTypeOf("function");
        // WHEN an instance is synthesized
        const json = JSON.parse(
          Testing.synthScope((scope) => {
            new heroku.provider.HerokuProvider(scope, "heroku");
            new Cls(scope as TerraformStack, "subject", props);
          }),
        );
        // THEN it writes those attribute names, no more and no fewer
        expectSameKeys(json[jsonKey][type].subject, names);
      });
    }
  }

  it("synthesizes the provider block with its attributes and blocks", () => {
    const { props, names } = fullProps(providerSchema.provider.block);
    const json = JSON.parse(Testing.synthScope((scope) => new heroku.provider.HerokuProvider(scope, "heroku", props)));
    expectSameKeys(json.provider.heroku[0], names);
  });
});
