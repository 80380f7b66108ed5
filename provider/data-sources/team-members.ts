/** The heroku_team_members data source: a team's members whose role is one of `roles`. */
import { TEAM_MEMBER_ROLES } from "../../vocabulary";
import type { ConfigProblem, DataSourceType } from "../engine/resource-type";
import { str, stringList } from "../resources/attribute-values";
import { reportError } from "../resources/state-change";
import { inSliceProblems, listSizeProblems } from "../resources/validators";

interface ApiTeamMember {
  id: string;
  email: string;
  role: string | null;
  federated: boolean;
  two_factor_authentication: boolean;
  user: { id: string; email: string };
}

export const herokuTeamMembersData: DataSourceType = {
  validate(config) {
    const roles = config.roles;
    if (!Array.isArray(roles)) return [];
    const problems: ConfigProblem[] = listSizeProblems("roles", roles.length, 1);
    roles.forEach((role, i) => problems.push(...inSliceProblems(["roles", i], TEAM_MEMBER_ROLES, role)));
    return problems;
  },

  async read(ctx, config) {
    const team = str(config.team) ?? "";
    const roles = stringList(config.roles);
    const members = await reportError(`Unable to retrieve members for team ${team}`, () =>
      ctx.client.page<ApiTeamMember>(`/teams/${encodeURIComponent(team)}/members`, "id ..; max=1000"),
    );
    if (members.length === 0) throw new Error(`no members found for team ${team}`);
    return {
      id: team,
      team,
      roles,
      members: members
        .filter((m) => m.role !== null && roles.includes(m.role))
        .map((m) => ({
          team_member_id: m.id,
          user_id: m.user.id,
          email: m.user.email,
          role: m.role,
          federated: m.federated,
          two_factor_authentication: m.two_factor_authentication,
        })),
    };
  },
};
