/**
 * The Terraform variable that carries a secret config var of an
 * environment: `secretVariableName("staging", "SECRET_KEY")` →
 * `staging_secret_key`, fed at deploy time as `TF_VAR_staging_secret_key`.
 */
export function secretVariableName(environment: string, key: string): string {
  return `${environment}_${key}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}
