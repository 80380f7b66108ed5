/**
 * What counts as secret in a review. A value is masked when any source says
 * so: Terraform's own sensitivity marks, the provider schema's `sensitive`
 * flag, a sensitive variable it comes from, or a key or value that looks like
 * a credential (rules/secret-looking.ts). Masking errs on the side of hiding.
 */
import schema from "../provider/heroku-schema.json";
import { secretLooking } from "../rules";

interface SchemaBlock {
  attributes?: Record<string, { sensitive?: boolean }>;
}

const resourceSchemas = (schema as unknown as {
  provider_schemas: Record<string, { resource_schemas: Record<string, { block: SchemaBlock }> }>;
}).provider_schemas["registry.terraform.io/heroku/heroku"].resource_schemas;

/** The provider schema marks the whole attribute sensitive (`sensitive_config_vars`, `private_key`…). */
export function isSchemaSensitive(resourceType: string, attribute: string): boolean {
  return resourceSchemas[resourceType]?.block.attributes?.[attribute]?.sensitive === true;
}

/**
 * Why a plain value at `path` looks like a credential, or undefined. A map
 * key (`config_vars.GITHUB_TOKEN`) is judged with its value; a top-level
 * attribute by its value alone, since the schema already says which of
 * those are secret.
 */
export function secretLookingAt(path: readonly string[], value: unknown): string | undefined {
  return secretLooking(path.length > 1 ? path[path.length - 1] : undefined, value);
}
