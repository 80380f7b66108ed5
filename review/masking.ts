/**
 * What counts as secret in a review. A value is masked when any source says
 * so: Terraform's own sensitivity marks, the provider schema's `sensitive`
 * flag, a sensitive variable it comes from, or a key or value that looks like
 * a credential. Masking errs on the side of hiding.
 */
import schema from "../provider/heroku-schema.json";

interface SchemaBlock {
  attributes?: Record<string, { sensitive?: boolean }>;
}

const resourceSchemas = (schema as unknown as {
  provider_schemas: Record<string, { resource_schemas: Record<string, { block: SchemaBlock }> }>;
}).provider_schemas["registry.terraform.io/heroku/heroku"].resource_schemas;

/** Config var keys that name a credential (`SECRET_KEY`, `STRIPE_API_KEY`, `DB_PASSWORD`, `GITHUB_TOKEN`). */
export const SECRET_KEY_PATTERN = /(SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|(^|_)KEY$|(^|_)SALT$|(^|_)DSN$)/i;

/** A URL carrying a password (`postgres://user:password@host/db`), as add-on config vars do. */
const CREDENTIAL_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/** The provider schema marks the whole attribute sensitive (`sensitive_config_vars`, `private_key`…). */
export function isSchemaSensitive(resourceType: string, attribute: string): boolean {
  return resourceSchemas[resourceType]?.block.attributes?.[attribute]?.sensitive === true;
}

/** A map key or a value that looks like a credential, wherever it appears. */
export function looksSecret(key: string, value: unknown): boolean {
  return SECRET_KEY_PATTERN.test(key) || (typeof value === "string" && CREDENTIAL_URL.test(value));
}
