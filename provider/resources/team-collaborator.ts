/**
 * heroku_team_collaborator: a user given access to a team app, with
 * permissions (a set of view, deploy, operate, manage), added silently.
 * Read as the real provider reads it: the team collaborator for its email,
 * the app collaborator for its permissions. Import id: `<app>:<email>`.
 */
import { HerokuApiError } from "../../lib/heroku-api-client";
import { isUnknown, type ObjectValue } from "../protocol/cty";
import type { ConfigProblem, ResourceContext, ResourceType } from "../engine/resource-type";
import { appIdOf, str, stringList } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { wrapError } from "./state-change";
import { compositeId } from "./team-ids";
import { listSizeProblems, uuidProblems } from "./validators";

interface ApiCollaborator {
  id: string;
  app: { id: string; name: string };
  user: { email: string };
  permissions?: { name: string }[];
}

/** go-multierror's text, which the real provider's read error carries (internal helper). */
function multiError(errors: unknown[]): string {
  const lines = errors.map((e) => `\t* ${e instanceof Error ? e.message : String(e)}`).join("\n");
  return `${errors.length} error${errors.length === 1 ? "" : "s"} occurred:\n${lines}\n\n`;
}

async function readCollaborator(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue | null> {
  const app = appIdOf(state);
  const id = encodeURIComponent(str(state.id) ?? "");
  const [team, plain] = await Promise.allSettled([
    ctx.client.get<ApiCollaborator>(`/teams/apps/${app}/collaborators/${id}`),
    ctx.client.get<ApiCollaborator>(`/apps/${app}/collaborators/${id}`),
  ]);
  const errors = [team, plain].flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  if (errors.length > 0 || team.status === "rejected" || plain.status === "rejected") {
    const message = `[ERROR] Error retrieving team collaborator: ${multiError(errors)}`;
    // As the real provider: a user Heroku cannot find leaves the state; any other failure is an error.
    if (message.includes("Couldn't find that user")) return null;
    throw new Error(message);
  }
  return {
    id: str(state.id) ?? null,
    app_id: team.value.app.id,
    email: team.value.user.email,
    permissions: (plain.value.permissions ?? []).map((p) => p.name),
  };
}

export const herokuTeamCollaborator: ResourceType = {
  forceNew: FORCE_NEW.heroku_team_collaborator,

  validate(config) {
    const problems: ConfigProblem[] = [];
    problems.push(...uuidProblems(["app_id"], config.app_id));
    const permissions = config.permissions;
    if (Array.isArray(permissions) && !isUnknown(permissions)) problems.push(...listSizeProblems("permissions", permissions.length, 1, 4));
    return problems;
  },

  async create(ctx, planned) {
    const app = appIdOf(planned);
    const email = str(planned.email) ?? "";
    let id: string | undefined;
    try {
      const c = await ctx.client.post<ApiCollaborator>(`/teams/apps/${app}/collaborators`, {
        user: email,
        silent: true,
        permissions: stringList(planned.permissions),
      });
      id = c.id;
    } catch (error) {
      // As the real provider: a user who already has access is taken over, found by email.
      if (!(error instanceof HerokuApiError) || !error.message.toLowerCase().includes("is already a collaborator on app")) throw error;
      const all = await ctx.client.page<ApiCollaborator>(`/teams/apps/${app}/collaborators`, "email ..; max=1000");
      id = all.find((c) => c.user.email === email)?.id;
    }
    if (id) ctx.created(id);
    const state = { ...planned, id: id ?? "" };
    return (await readCollaborator(ctx, state)) ?? state;
  },

  read: readCollaborator,

  async update(ctx, prior, planned) {
    const body: Record<string, unknown> = {};
    if (JSON.stringify([...stringList(prior.permissions)].sort()) !== JSON.stringify([...stringList(planned.permissions)].sort())) {
      body.permissions = stringList(planned.permissions);
    }
    const c = await ctx.client.patch<ApiCollaborator>(`/teams/apps/${appIdOf(planned)}/collaborators/${encodeURIComponent(str(planned.email) ?? "")}`, body);
    const state = { ...planned, id: c.id };
    return (await readCollaborator(ctx, state)) ?? state;
  },

  async delete(ctx, state) {
    const app = appIdOf(state);
    await wrapError("error deleting Team Collaborator: ", () => ctx.client.delete(`/teams/apps/${app}/collaborators/${encodeURIComponent(str(state.email) ?? "")}`));
    // As the real provider: it waits (10 s at most) until the collaborator is no longer found.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const still = await ctx.client.get(`/teams/apps/${app}/collaborators/${encodeURIComponent(str(state.id) ?? "")}`).then(
        () => true,
        () => false
      );
      if (!still) return;
      if (Date.now() >= deadline)
        throw new Error(`[ERROR] Team collaborator [${str(state.email) ?? ""}] still exists on [${str(state.app_id) ?? ""}] after checking several times`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  },

  async importState(ctx, id) {
    const [app, email] = compositeId(id);
    const c = await ctx.client.get<ApiCollaborator>(`/apps/${encodeURIComponent(app)}/collaborators/${encodeURIComponent(email)}`);
    return { id: c.id, app_id: c.app.id, email: c.user.email, permissions: (c.permissions ?? []).map((p) => p.name) };
  },
};
