/**
 * heroku_team_member: a user's membership of a team, with its role. Create
 * and update are the same call (`PUT /teams/{team}/members`); the id is
 * `<team>:<email>`, which is also the import id.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { compositeId } from "./team-ids";

interface ApiTeamMember {
  id: string;
  email: string;
  role: string | null;
  federated: boolean;
}

async function setMember(ctx: ResourceContext, planned: ObjectValue): Promise<ObjectValue> {
  const team = str(planned.team) ?? "";
  const email = str(planned.email) ?? "";
  await ctx.client.put(`/teams/${encodeURIComponent(team)}/members`, { email, role: str(planned.role), federated: planned.federated === true });
  const state = { ...planned, id: `${team}:${email}` };
  return (await readMember(ctx, state)) ?? state;
}

/** As the real provider: a member missing from the team's list is an error, not a resource gone. */
async function readMember(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const [team, email] = compositeId(str(state.id) ?? "");
  const members = await ctx.client.page<ApiTeamMember>(`/teams/${encodeURIComponent(team)}/members`, "email ..; max=1000");
  const found = members.find((m) => m.email === email);
  if (!found) throw new Error(`Could not find member record for ${email} on team ${team}`);
  return { id: state.id, team, email: found.email, role: found.role, federated: found.federated };
}

export const herokuTeamMember: ResourceType = {
  forceNew: FORCE_NEW.heroku_team_member,
  defaults: { federated: false },

  create(ctx, planned) {
    return setMember(ctx, planned);
  },

  read: readMember,

  update(ctx, _prior, planned) {
    return setMember(ctx, planned);
  },

  async delete(ctx, state) {
    const [team, email] = compositeId(str(state.id) ?? "");
    await ctx.client.delete(`/teams/${encodeURIComponent(team)}/members/${encodeURIComponent(email)}`);
  },

  async importState(_ctx, id) {
    const [team, email] = compositeId(id);
    return { id, team, email };
  },
};
