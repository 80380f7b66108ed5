/** The heroku_team_members data source: a team's members whose role is one of `roles`. */
import type { ConfigProblem, DataSourceType } from "../engine/resource-type";
import { ProviderError } from "../engine/diagnostics";
import { str, stringList } from "../resources/attribute-values";

/** The roles the real provider accepts in `roles`, in its order. */
const TEAM_MEMBER_ROLES = ["admin", "member", "viewer", "collaborator", "owner"];

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
    const problems: ConfigProblem[] = [];
    const roles = config.roles;
    if (!Array.isArray(roles)) return problems;
    if (roles.length < 1) {
      problems.push({
        path: ["roles"],
        summary: "Not enough list items",
        detail: `Attribute roles requires 1 item minimum, but config has only ${roles.length} declared.`,
      });
    }
    roles.forEach((role, i) => {
      if (typeof role === "string" && !TEAM_MEMBER_ROLES.includes(role)) {
        problems.push({ path: ["roles", i], summary: `expected roles.${i} to be one of [${TEAM_MEMBER_ROLES.join(" ")}], got ${role}` });
      }
    });
    return problems;
  },

  async read(ctx, config) {
    const team = str(config.team) ?? "";
    const roles = stringList(config.roles);
    let members: ApiTeamMember[];
    try {
      members = await ctx.client.page<ApiTeamMember>(`/teams/${encodeURIComponent(team)}/members`, "id ..; max=1000");
    } catch (error) {
      throw new ProviderError(`Unable to retrieve members for team ${team}`, error instanceof Error ? error.message : String(error));
    }
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
