/**
 * heroku_space_app_access: a team member's app permissions on a space
 * (`create_apps`). Create and update set them all (`PATCH
 * /spaces/{space}/members/{email}`); destroy clears them, as the real
 * provider does, since a member cannot be removed from a space. The id is
 * the user's id; the import id is `<space>:<email>`.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { str, stringList } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { compositeId } from "./team-ids";

interface ApiSpaceAppAccess {
  user: { id: string; email: string };
  permissions: { name: string }[];
}

function memberPath(state: ObjectValue): string {
  return `/spaces/${encodeURIComponent(str(state.space) ?? "")}/members/${encodeURIComponent(str(state.email) ?? "")}`;
}

async function readAccess(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const access = await ctx.client.get<ApiSpaceAppAccess>(memberPath(state));
  return { id: access.user.id, space: state.space, email: access.user.email, permissions: access.permissions.map((p) => p.name) };
}

async function setAccess(ctx: ResourceContext, state: ObjectValue, permissions: string[]): Promise<void> {
  await ctx.client.patch(memberPath(state), { permissions: permissions.map((name) => ({ name })) });
}

export const herokuSpaceAppAccess: ResourceType = {
  forceNew: FORCE_NEW.heroku_space_app_access,

  async create(ctx, planned) {
    await setAccess(ctx, planned, stringList(planned.permissions));
    return readAccess(ctx, planned);
  },

  read: readAccess,

  async update(ctx, _prior, planned) {
    await setAccess(ctx, planned, stringList(planned.permissions));
    return readAccess(ctx, planned);
  },

  async delete(ctx, state) {
    await setAccess(ctx, state, []);
  },

  async importState(ctx, id) {
    const [space, email] = compositeId(id);
    return readAccess(ctx, { space, email });
  },
};
