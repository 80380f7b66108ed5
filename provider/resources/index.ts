/** Every resource type the local provider implements, by Terraform type name. */
import type { ResourceType } from "../engine/resource-type";
import { herokuAccountFeature } from "./account-feature";
import { herokuAddon } from "./addon";
import { herokuAddonAttachment } from "./addon-attachment";
import { herokuApp } from "./app";
import { herokuAppConfigAssociation } from "./app-config-association";
import { herokuAppFeature } from "./app-feature";
import { herokuAppRelease } from "./app-release";
import { herokuAppWebhook } from "./app-webhook";
import { herokuBuild } from "./build";
import { herokuCollaborator } from "./collaborator";
import { herokuConfig } from "./config";
import { herokuDomain } from "./domain";
import { herokuDrain } from "./drain";
import { herokuFormation } from "./formation";
import { herokuPipeline } from "./pipeline";
import { herokuPipelineConfigVar } from "./pipeline-config-var";
import { herokuPipelineCoupling } from "./pipeline-coupling";
import { herokuPipelinePromotion } from "./pipeline-promotion";
import { herokuReviewAppConfig } from "./review-app-config";
import { herokuSlug } from "./slug";
import { herokuSpace } from "./space";
import { herokuSpaceAppAccess } from "./space-app-access";
import { herokuSpaceInboundRuleset } from "./space-inbound-ruleset";
import { herokuSpacePeeringConnectionAccepter } from "./space-peering-connection-accepter";
import { herokuSpaceVpnConnection } from "./space-vpn-connection";
import { herokuSsl } from "./ssl";
import { herokuTelemetryDrain } from "./telemetry-drain";
import { herokuTeamCollaborator } from "./team-collaborator";
import { herokuTeamMember } from "./team-member";

export const RESOURCES: Record<string, ResourceType> = {
  heroku_account_feature: herokuAccountFeature,
  heroku_addon: herokuAddon,
  heroku_addon_attachment: herokuAddonAttachment,
  heroku_app: herokuApp,
  heroku_app_config_association: herokuAppConfigAssociation,
  heroku_app_feature: herokuAppFeature,
  heroku_app_release: herokuAppRelease,
  heroku_app_webhook: herokuAppWebhook,
  heroku_build: herokuBuild,
  heroku_collaborator: herokuCollaborator,
  heroku_config: herokuConfig,
  heroku_domain: herokuDomain,
  heroku_drain: herokuDrain,
  heroku_formation: herokuFormation,
  heroku_pipeline: herokuPipeline,
  heroku_pipeline_config_var: herokuPipelineConfigVar,
  heroku_pipeline_coupling: herokuPipelineCoupling,
  heroku_pipeline_promotion: herokuPipelinePromotion,
  heroku_review_app_config: herokuReviewAppConfig,
  heroku_slug: herokuSlug,
  heroku_space: herokuSpace,
  heroku_space_app_access: herokuSpaceAppAccess,
  heroku_space_inbound_ruleset: herokuSpaceInboundRuleset,
  heroku_space_peering_connection_accepter: herokuSpacePeeringConnectionAccepter,
  heroku_space_vpn_connection: herokuSpaceVpnConnection,
  heroku_ssl: herokuSsl,
  heroku_telemetry_drain: herokuTelemetryDrain,
  heroku_team_collaborator: herokuTeamCollaborator,
  heroku_team_member: herokuTeamMember,
};
