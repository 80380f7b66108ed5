/**
 * Attributes whose change makes heroku/heroku 5.3.2 replace the resource
 * (`ForceNew: true` in its resource schemas). The JSON schema the provider
 * prints does not carry this, so tree diffs take it from here; plans carry
 * their own `replace_paths`. Nested block attributes are written
 * `block.attribute` (`organization.name`). Resources not listed replace on
 * nothing; note that `heroku_app.stack` and `heroku_addon.plan` update in place.
 */
export const FORCE_NEW_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  heroku_account_feature: ["name"],
  heroku_addon: ["app_id", "config"],
  heroku_addon_attachment: ["addon_id", "app_id", "name", "namespace"],
  heroku_app: ["internal_routing", "organization.name", "organization.personal", "region", "space"],
  heroku_app_feature: ["app_id", "name"],
  heroku_app_release: ["app_id", "oci_image", "slug_id"],
  heroku_build: ["app_id", "buildpacks", "source.checksum", "source.path", "source.url", "source.version"],
  heroku_collaborator: ["app_id", "email"],
  heroku_domain: ["app_id", "hostname"],
  heroku_drain: ["app_id", "sensitive_url", "url"],
  heroku_formation: ["app_id"],
  heroku_pipeline: ["owner.id", "owner.type"],
  heroku_pipeline_config_var: ["pipeline_id", "pipeline_stage"],
  heroku_pipeline_coupling: ["app_id", "pipeline", "stage"],
  heroku_pipeline_promotion: ["pipeline", "release_id", "source_app_id", "targets"],
  heroku_slug: [
    "app_id", "buildpack_provided_description", "checksum", "commit", "commit_description",
    "file_path", "file_url", "process_types", "stack",
  ],
  heroku_ssl: ["app_id"],
  heroku_team_collaborator: ["app_id", "email"],
};

/**
 * Does a change at this flattened path (`organization.0.name`,
 * `config.db_version`, `buildpacks.1`) force a replacement? List indexes are
 * ignored, and a change anywhere under a ForceNew map or list counts.
 */
export function forcesReplacement(resourceType: string, path: string): boolean {
  const segments = path.split(".").filter((s) => !/^\d+$/.test(s));
  return (FORCE_NEW_ATTRIBUTES[resourceType] ?? []).some((attribute) => {
    const wanted = attribute.split(".");
    return wanted.every((s, i) => segments[i] === s);
  });
}
