/** Every resource and data source type the local provider implements, by Terraform type name. */
import type { DataSourceType, ResourceType } from "../engine/resource-type";
import { herokuAddon } from "./addon";
import { herokuApp } from "./app";
import { herokuAppConfigAssociation } from "./app-config-association";
import { herokuAppFeature } from "./app-feature";
import { herokuBuild } from "./build";
import { herokuAddonData, herokuAppData, herokuPipelineData } from "./data-sources";
import { herokuDomain } from "./domain";
import { herokuFormation } from "./formation";
import { herokuPipeline, herokuPipelineCoupling } from "./pipeline";
import { herokuPipelineConfigVar } from "./pipeline-config-var";
import { herokuPipelinePromotion } from "./pipeline-promotion";
import { herokuAppRelease, herokuSlug } from "./app-release";
import { herokuAddonAttachment, herokuAppWebhook, herokuCollaborator, herokuDrain, herokuSsl } from "./app-extras";
import { herokuConfig } from "./config";

export const RESOURCES: Record<string, ResourceType> = {
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
  heroku_slug: herokuSlug,
  heroku_ssl: herokuSsl,
};

export const DATA_SOURCES: Record<string, DataSourceType> = {
  heroku_addon: herokuAddonData,
  heroku_app: herokuAppData,
  heroku_pipeline: herokuPipelineData,
};
