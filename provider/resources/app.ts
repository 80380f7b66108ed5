/**
 * heroku_app: the app, its config vars (plain and sensitive), buildpacks and
 * ACM, with the real provider's calls — create, then config vars (and the
 * release they make), buildpacks, ACM, the post-create delay, and a read.
 * Only config vars named in the configuration are read back into state.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import { PartialCreateError, type ResourceContext, type ResourceType } from "../engine/resource-type";
import { ProviderError } from "../engine/diagnostics";
import { updateConfigVars } from "./update-config-vars";
import { str, stringList, stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { delaySeconds, madeSince } from "./platform-timing";

export interface ApiApp {
  id: string;
  name: string;
  region: { name: string };
  build_stack: { name: string };
  stack: { name: string };
  git_url: string;
  web_url: string | null;
  acm: boolean;
  internal_routing: boolean | null;
  space: { name: string } | null;
  organization: { name: string } | null;
  team: { name: string } | null;
  generation?: { name: string } | string | null;
}

interface BuildpackInstallation {
  buildpack: { name: string; url: string };
}

function organization(state: ObjectValue): ObjectValue | undefined {
  const list = state.organization;
  return Array.isArray(list) && list.length > 0 ? (list[0] as ObjectValue) : undefined;
}

/** Keys set both as plain and as sensitive config vars (internal helper). */
function duplicateVars(state: ObjectValue): string[] {
  const plain = stringMap(state.config_vars);
  return Object.keys(stringMap(state.sensitive_config_vars)).filter((k) => k in plain);
}

/** Checked again at apply: values unknown at plan time are known by then. */
function checkDuplicateVars(state: ObjectValue): void {
  const dupes = duplicateVars(state);
  if (dupes.length > 0) throw new ProviderError(`[ERROR] Detected duplicate config vars: [${dupes.join(" ")}]`);
}

function allVars(state: ObjectValue): Record<string, string> {
  return { ...stringMap(state.config_vars), ...stringMap(state.sensitive_config_vars) };
}

async function setBuildpacks(ctx: ResourceContext, id: string, buildpacks: string[]): Promise<void> {
  await ctx.client.put(`/apps/${id}/buildpack-installations`, { updates: buildpacks.map((buildpack) => ({ buildpack })) });
}

async function setAcm(ctx: ResourceContext, id: string, enabled: boolean): Promise<void> {
  if (enabled) await ctx.client.post(`/apps/${id}/acm`, {});
  else await ctx.client.delete(`/apps/${id}/acm`);
}

/** The name of an app's generation, which the API gives as an object or a string (internal helper). */
function generationName(app: ApiApp): string {
  const g = app.generation;
  return (typeof g === "string" ? g : g?.name) || "cedar";
}

/** An app with what the provider reads alongside it; null when it is gone. */
export async function fetchApp(ctx: ResourceContext, nameOrId: string) {
  const id = encodeURIComponent(nameOrId);
  const app = await orGone(ctx.client.get<ApiApp>(`/apps/${id}`));
  if (!app) return null;
  const team = app.organization && app.team ? await ctx.client.get<{ team: { name: string }; locked: boolean }>(`/teams/apps/${id}`) : undefined;
  const buildpacks = await ctx.client.get<BuildpackInstallation[]>(`/apps/${id}/buildpack-installations`);
  const vars = await ctx.client.get<Record<string, string | null>>(`/apps/${id}/config-vars`);
  const webUrl = app.web_url ?? "";
  const details: ObjectValue = {
    id: app.id,
    uuid: app.id,
    name: app.name,
    region: app.region.name,
    stack: app.build_stack.name,
    internal_routing: app.internal_routing ?? false,
    git_url: app.git_url,
    web_url: webUrl,
    acm: app.acm,
    heroku_hostname: webUrl.replace(/\/$/, "").replace(/^https?:\/\//, ""),
    generation: generationName(app),
    buildpacks: buildpacks.map((b) => b.buildpack.name),
    space: app.space?.name ?? null,
  };
  const setVars = Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  return { details, team, vars: setVars };
}

async function readApp(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue | null> {
  const found = await fetchApp(ctx, str(state.id) ?? "");
  if (!found) return null;
  const { details, team, vars } = found;
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => k in vars).map((k) => [k, vars[k]]));
  const out: ObjectValue = {
    ...details,
    config_vars: pick(Object.keys(stringMap(state.config_vars))),
    sensitive_config_vars: pick(Object.keys(stringMap(state.sensitive_config_vars))),
    all_config_vars: ctx.settings.setAppAllConfigVarsInState ? vars : {},
  };
  if (details.space === null) delete out.space;
  if (team) {
    const personal = organization(state)?.personal ?? false;
    out.organization = [{ name: team.team.name, locked: team.locked, personal }];
  }
  return out;
}

export const herokuApp: ResourceType = {
  forceNew: FORCE_NEW.heroku_app,

  async create(ctx, planned) {
    checkDuplicateVars(planned);
    const org = organization(planned);
    const body: Record<string, unknown> = { name: str(planned.name), region: str(planned.region), stack: str(planned.stack) };
    let app: ApiApp;
    if (org) {
      // As the SDK reads them: a flag the configuration leaves to the platform (unknown until apply) is sent as false.
      const flag = (value: unknown) => (typeof value === "boolean" ? value : false);
      Object.assign(body, { team: org.name, personal: flag(org.personal), locked: flag(org.locked), space: str(planned.space) });
      if (typeof planned.internal_routing === "boolean") body.internal_routing = planned.internal_routing;
      app = await ctx.client.post<ApiApp>("/teams/apps", body);
    } else {
      app = await ctx.client.post<ApiApp>("/apps", body);
    }
    ctx.created(app.id);
    const state = { ...planned, id: app.id };
    try {
      await updateConfigVars(ctx, app.id, [], allVars(planned));
      const buildpacks = stringList(planned.buildpacks);
      if (buildpacks.length > 0) await setBuildpacks(ctx, app.id, buildpacks);
      if (planned.acm === true) await setAcm(ctx, app.id, true);
      await delaySeconds(ctx.settings.postAppCreateDelaySeconds);
      return (await readApp(ctx, state)) ?? state;
    } catch (error) {
      // The app exists: Terraform must track it (tainted) rather than lose it.
      throw new PartialCreateError(state, error);
    }
  },

  read: readApp,

  async update(ctx, prior, planned) {
    checkDuplicateVars(planned);
    const id = str(prior.id) as string;
    const body: Record<string, string> = {};
    if (planned.name !== prior.name) body.name = planned.name as string;
    if (str(planned.stack) && planned.stack !== prior.stack) body.build_stack = planned.stack as string;
    await ctx.client.patch(`/apps/${id}`, body);
    const buildpacks = stringList(planned.buildpacks);
    if (JSON.stringify(buildpacks) !== JSON.stringify(stringList(prior.buildpacks))) await setBuildpacks(ctx, id, buildpacks);
    // As the real provider: only a map that changed is sent, its old keys removed and its new values set.
    const removed: string[] = [];
    const set: Record<string, string> = {};
    for (const name of ["config_vars", "sensitive_config_vars"]) {
      const before = stringMap(prior[name]);
      const after = stringMap(planned[name]);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      removed.push(...Object.keys(before).filter((k) => !(k in after)));
      Object.assign(set, after);
    }
    await updateConfigVars(ctx, id, removed, set);
    if (typeof planned.acm === "boolean" && planned.acm !== prior.acm) await setAcm(ctx, id, planned.acm);
    const org = organization(planned);
    if (org && typeof org.locked === "boolean" && JSON.stringify(org) !== JSON.stringify(organization(prior))) {
      await ctx.client.patch(`/teams/apps/${id}`, { locked: org.locked });
    }
    return (await readApp(ctx, { ...planned, id })) ?? planned;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${encodeURIComponent(str(state.id) ?? "")}`);
  },

  async findCreated(ctx, planned, since) {
    const app = await orGone(ctx.client.get<ApiApp & { created_at: string }>(`/apps/${encodeURIComponent(str(planned.name) ?? "")}`));
    return app && madeSince(app.created_at, since) ? app.id : undefined;
  },

  async importState(ctx, id) {
    const app = await ctx.client.get<ApiApp>(`/apps/${encodeURIComponent(id)}`);
    return { id: app.id };
  },
};
