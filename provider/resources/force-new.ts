/**
 * What makes heroku/heroku 5.3.2 replace a resource rather than update it:
 * the `ForceNew: true` attributes of its schemas, for every resource it
 * has. The printed schema (heroku-schema.json) does not carry them, so this
 * table is their one home: the local provider's resources plan replacement
 * from their entry, and the change review decides replacement on tree diffs
 * from it. Data only, so the review reads it without loading the provider.
 *
 * `block.attribute` names an attribute of a nested block; a change at a
 * path, or anywhere under it, forces replacement. Each entry names the file
 * of heroku/terraform-provider-heroku (tag v5.3.2) it was checked against,
 * with what its CustomizeDiff adds when it calls `ForceNew`.
 */
export const FORCE_NEW = {
  // resource_heroku_account_feature.go
  heroku_account_feature: ["name"],
  // resource_heroku_addon.go (`plan` updates in place)
  heroku_addon: ["app_id", "config"],
  // resource_heroku_addon_attachment.go
  heroku_addon_attachment: ["addon_id", "app_id", "name", "namespace"],
  // resource_heroku_app.go (`stack` updates in place; its CustomizeDiff forces nothing)
  heroku_app: ["internal_routing", "organization.name", "organization.personal", "region", "space"],
  // resource_heroku_app_config_association.go: `app_id` is not ForceNew, a new app is updated in place
  heroku_app_config_association: [],
  // resource_heroku_app_feature.go
  heroku_app_feature: ["app_id", "name"],
  // resource_heroku_app_release.go
  heroku_app_release: ["app_id", "oci_image", "slug_id"],
  // resource_heroku_app_webhook.go
  heroku_app_webhook: ["app_id"],
  // resource_heroku_build.go: `source` is ForceNew too, but holds exactly one block whose attributes all
  // are; its CustomizeDiff forces `local_checksum` when a local source's content changes, which only a
  // plan can see (the provider's customizePlan)
  heroku_build: ["app_id", "buildpacks", "source.checksum", "source.path", "source.url", "source.version"],
  // resource_heroku_collaborator.go
  heroku_collaborator: ["app_id", "email"],
  // resource_heroku_config.go: state only, always updated in place
  heroku_config: [],
  // resource_heroku_domain.go
  heroku_domain: ["app_id", "hostname"],
  // resource_heroku_drain.go
  heroku_drain: ["app_id", "sensitive_url", "url"],
  // resource_heroku_formation.go
  heroku_formation: ["app_id"],
  // resource_heroku_pipeline.go
  heroku_pipeline: ["owner.id", "owner.type"],
  // resource_heroku_pipeline_config_var.go
  heroku_pipeline_config_var: ["pipeline_id", "pipeline_stage"],
  // resource_heroku_pipeline_coupling.go
  heroku_pipeline_coupling: ["app_id", "pipeline", "stage"],
  // resource_heroku_pipeline_promotion.go
  heroku_pipeline_promotion: ["pipeline", "release_id", "source_app_id", "targets"],
  // resource_heroku_review_app_config.go
  heroku_review_app_config: ["org_repo", "pipeline_id"],
  // resource_heroku_slug.go (its CustomizeDiff forces `checksum`, already listed, when the file changes)
  heroku_slug: [
    "app_id", "buildpack_provided_description", "checksum", "commit", "commit_description",
    "file_path", "file_url", "process_types", "stack",
  ],
  // resource_heroku_space.go (its CustomizeDiff only validates)
  heroku_space: ["cidr", "data_cidr", "generation", "organization", "region", "shield"],
  // resource_heroku_space_app_access.go
  heroku_space_app_access: ["email", "space"],
  // resource_heroku_space_inbound_ruleset.go
  heroku_space_inbound_ruleset: ["space"],
  // resource_heroku_space_peering_connection_accepter.go
  heroku_space_peering_connection_accepter: ["space", "vpc_peering_connection_id"],
  // resource_heroku_space_vpn_connection.go
  heroku_space_vpn_connection: ["name", "public_ip", "routable_cidrs", "space"],
  // resource_heroku_ssl.go
  heroku_ssl: ["app_id"],
  // resource_heroku_team_collaborator.go
  heroku_team_collaborator: ["app_id", "email"],
  // resource_heroku_team_member.go
  heroku_team_member: ["email", "team"],
  // resource_heroku_telemetry_drain.go
  heroku_telemetry_drain: ["owner_id", "owner_type"],
} as const satisfies Readonly<Record<string, readonly string[]>>;
