/** Every data source the local provider implements, by Terraform type name. */
import type { DataSourceType } from "../engine/resource-type";
import { herokuAddonData } from "./addon";
import { herokuAppData } from "./app";
import { herokuPipelineData } from "./pipeline";
import { herokuSpaceData } from "./space";
import { herokuSpacePeeringInfoData } from "./space-peering-info";
import { herokuTeamData } from "./team";
import { herokuTeamMembersData } from "./team-members";

export const DATA_SOURCES: Record<string, DataSourceType> = {
  heroku_addon: herokuAddonData,
  heroku_app: herokuAppData,
  heroku_pipeline: herokuPipelineData,
  heroku_space: herokuSpaceData,
  heroku_space_peering_info: herokuSpacePeeringInfoData,
  heroku_team: herokuTeamData,
  heroku_team_members: herokuTeamMembersData,
};
