/** Every data source the local provider implements, by Terraform type name. */
import type { DataSourceType } from "../engine/resource-type";
import { herokuAddonData } from "./addon";
import { herokuAppData } from "./app";
import { herokuPipelineData } from "./pipeline";

export const DATA_SOURCES: Record<string, DataSourceType> = {
  heroku_addon: herokuAddonData,
  heroku_app: herokuAppData,
  heroku_pipeline: herokuPipelineData,
};
