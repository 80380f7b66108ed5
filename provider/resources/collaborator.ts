/**
 * heroku_collaborator: a user given access to a personal app, added
 * silently. Import id: `<app>:<email>`.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

interface ApiCollaborator {
  id: string;
  app: { id: string };
  user: { email: string };
}

export const herokuCollaborator: ResourceType = {
  forceNew: FORCE_NEW.heroku_collaborator,

  async create(ctx, planned) {
    const c = await ctx.client.post<ApiCollaborator>(`/apps/${appIdOf(planned)}/collaborators`, { user: planned.email, silent: true });
    ctx.created(c.id);
    return { id: c.id, app_id: c.app.id, email: c.user.email };
  },

  async read(ctx, state) {
    const c = await orGone(ctx.client.get<ApiCollaborator>(`/apps/${appIdOf(state)}/collaborators/${encodeURIComponent(str(state.id) ?? "")}`));
    return c && { id: c.id, app_id: c.app.id, email: c.user.email };
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/collaborators/${encodeURIComponent(state.email as string)}`);
  },

  async importState(ctx, id) {
    const [app, email] = importParts(id, "<app>:<email>");
    const c = await ctx.client.get<ApiCollaborator>(`/apps/${encodeURIComponent(app)}/collaborators/${encodeURIComponent(email)}`);
    return { id: c.id, app_id: c.app.id, email: c.user.email };
  },
};
