/**
 * The provider's schema, served unchanged from `provider/heroku-schema.json`
 * (what Terraform printed for the real provider 5.3.2), and the cty types it
 * implies for values on the wire.
 */
import schemaFile from "../heroku-schema.json";
import type { CtyType } from "./cty";
import type { Message } from "./protobuf";

export interface AttributeSchema {
  readonly type: CtyType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

export interface NestedBlockSchema {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: BlockSchema;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface BlockSchema {
  readonly attributes?: Record<string, AttributeSchema>;
  readonly block_types?: Record<string, NestedBlockSchema>;
  readonly deprecated?: boolean;
}

export interface TypeSchema {
  readonly version: number;
  readonly block: BlockSchema;
}

interface ProviderSchemas {
  readonly provider: TypeSchema;
  readonly resource_schemas: Record<string, TypeSchema>;
  readonly data_source_schemas: Record<string, TypeSchema>;
}

export const PROVIDER_ADDRESS = "registry.terraform.io/heroku/heroku";
export const PROVIDER_VERSION = "5.3.2";

export const SCHEMAS = (schemaFile.provider_schemas as unknown as Record<string, ProviderSchemas>)[PROVIDER_ADDRESS];

/** The object type a block's values have on the wire. */
export function blockType(block: BlockSchema): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) attributes[name] = attribute.type;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const inner = blockType(nested.block);
    const mode = nested.nesting_mode;
    attributes[name] = mode === "single" || mode === "group" ? inner : [mode, inner];
  }
  return ["object", attributes];
}

const NESTING = { single: 1, list: 2, set: 3, map: 4, group: 5 } as const;

function blockMessage(block: BlockSchema, version?: number): Message {
  return {
    version,
    attributes: Object.entries(block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: a.required,
      optional: a.optional,
      computed: a.computed,
      sensitive: a.sensitive,
      deprecated: a.deprecated,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([name, nested]) => ({
      type_name: name,
      block: blockMessage(nested.block),
      nesting: NESTING[nested.nesting_mode],
      min_items: nested.min_items,
      max_items: nested.max_items,
    })),
    deprecated: block.deprecated,
  };
}

/** A type's schema as the protocol's `Schema` message. */
export function schemaMessage(schema: TypeSchema): Message {
  return { version: schema.version, block: blockMessage(schema.block, schema.version) };
}
