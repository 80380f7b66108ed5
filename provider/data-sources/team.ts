/** The heroku_team data source: a team looked up by name (or id). */
import type { DataSourceType } from "../engine/resource-type";
import { str } from "../resources/attribute-values";

interface ApiTeam {
  id: string;
  name: string;
  default: boolean;
  membership_limit: number | null;
  provisioned_licenses: boolean;
  type: string;
}

export const herokuTeamData: DataSourceType = {
  async read(ctx, config) {
    const team = await ctx.client.get<ApiTeam>(`/teams/${encodeURIComponent(str(config.name) ?? "")}`);
    return {
      id: team.id,
      name: team.name,
      default: team.default,
      // The SDK stores an absent limit as its zero value.
      membership_limit: team.membership_limit ?? 0,
      provisioned_licenses: team.provisioned_licenses,
      type: team.type,
    };
  },
};
