/**
 * heroku_addon: an add-on provisioned on an app. Creates on one app are
 * serialized, and wait until the platform reports the add-on `provisioned`;
 * a plan change updates it in place. Its config var values go into state
 * only when the provider's customizations allow it.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import { PartialCreateError, type ConfigProblem, type ResourceContext, type ResourceType } from "../engine/resource-type";
import { appIdOf, str, stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { madeSince, waitFor } from "./platform-timing";

interface ApiAddon {
  id: string;
  name: string;
  app: { id: string; name: string };
  plan: { name: string };
  provider_id: string;
  config_vars: string[];
  state: "provisioning" | "provisioned" | "deprovisioned";
}

/**
 * The add-on creates under way, by app id. Heroku cannot take two add-on
 * creates on one app at once, which is why the real provider holds one lock
 * around every create (`addonLock`, heroku/resource_heroku_addon.go); it
 * holds it across all apps, so its creates queue behind each other
 * estate-wide. Here only creates on the same app wait for each other: each
 * app still sees one create at a time, from the request for it to the add-on
 * provisioned (internal).
 */
const createsByApp = new Map<string, Promise<unknown>>();

function serializedOnApp<T>(appId: string, work: () => Promise<T>): Promise<T> {
  const next = (createsByApp.get(appId) ?? Promise.resolve()).then(work);
  const settled = next.catch(() => undefined);
  createsByApp.set(appId, settled);
  // The last create on an app leaves no entry behind.
  void settled.then(() => createsByApp.get(appId) === settled && createsByApp.delete(appId));
  return next;
}

async function toState(ctx: ResourceContext, addon: ApiAddon, state: ObjectValue): Promise<ObjectValue> {
  // A plan configured as a bare service name ("heroku-postgresql") reads back as that name.
  const configured = str(state.plan);
  const plan = configured && !configured.includes(":") ? addon.plan.name.split(":")[0] : addon.plan.name;
  let values: ObjectValue = {};
  if (ctx.settings.setAddonConfigVarsInState) {
    const vars = await ctx.client.get<Record<string, string | null>>(`/apps/${addon.app.id}/config-vars`);
    values = Object.fromEntries(addon.config_vars.filter((k) => typeof vars[k] === "string").map((k) => [k, vars[k] as string]));
  }
  return {
    id: addon.id,
    name: addon.name,
    app_id: addon.app.id,
    plan,
    provider_id: addon.provider_id,
    config_vars: addon.config_vars,
    config_var_values: values,
  };
}

async function provisioned(ctx: ResourceContext, appId: string, created: ApiAddon, planned: ObjectValue): Promise<ObjectValue> {
  await waitFor(
    `Addon (${created.id}) to be provisioned`,
    () => ctx.client.get<ApiAddon>(`/apps/${appId}/addons/${created.id}`),
    (a) => a.state !== "provisioning",
    ctx.settings.addonCreateTimeoutMinutes * 60_000,
  );
  return toState(ctx, await ctx.client.get<ApiAddon>(`/addons/${created.id}`), planned);
}

const NAME_PATTERN = /^[a-zA-Z][A-Za-z0-9_-]+$/;

export const herokuAddon: ResourceType = {
  forceNew: FORCE_NEW.heroku_addon,

  // validateCustomAddonName: validation.StringLenBetween(1, 256) and validation.StringMatch, with their messages; an empty name fails both.
  validate(config) {
    const name = config.name;
    if (typeof name !== "string") return [];
    const problems: ConfigProblem[] = [];
    if (name.length < 1 || name.length > 256) problems.push({ path: ["name"], summary: `expected length of name to be in the range (1 - 256), got ${name}` });
    if (!NAME_PATTERN.test(name)) {
      problems.push({ path: ["name"], summary: "invalid value for name (Invalid custom addon name: must start with a letter and can only contain lowercase letters, numbers, and dashes)" });
    }
    return problems;
  },

  async create(ctx, planned) {
    const appId = appIdOf(planned);
    const app = await ctx.client.get<{ id: string; name: string }>(`/apps/${appId}`);
    // Keyed by the id the platform gives the app, so an app named two ways is still one app.
    return serializedOnApp(app.id, async () => {
      const body: Record<string, unknown> = { plan: planned.plan, confirm: app.name };
      const config = stringMap(planned.config);
      if (Object.keys(config).length > 0) body.config = config;
      if (str(planned.name)) body.name = planned.name;
      const created = await ctx.client.post<ApiAddon>(`/apps/${appId}/addons`, body);
      ctx.created(created.id);
      try {
        return await provisioned(ctx, appId, created, planned);
      } catch (error) {
        // The add-on exists (and may bill): Terraform must track it rather than lose it.
        throw new PartialCreateError({ id: created.id, app_id: created.app.id, name: created.name }, error);
      }
    });
  },

  async read(ctx, state) {
    const addon = await orGone(ctx.client.get<ApiAddon>(`/addons/${encodeURIComponent(str(state.id) ?? "")}`));
    return addon && toState(ctx, addon, state);
  },

  async update(ctx, prior, planned) {
    const body: Record<string, unknown> = {};
    if (planned.plan !== prior.plan) body.plan = planned.plan;
    if (str(planned.name) && planned.name !== prior.name) body.name = planned.name;
    const addon = await ctx.client.patch<ApiAddon>(`/apps/${appIdOf(planned)}/addons/${prior.id}`, body);
    return toState(ctx, await ctx.client.get<ApiAddon>(`/addons/${addon.id}`), planned);
  },

  async findCreated(ctx, planned, since) {
    const addons = await ctx.client.list<ApiAddon & { created_at: string }>(`/apps/${appIdOf(planned)}/addons`);
    const plan = str(planned.plan) ?? "";
    const made = addons.filter((a) => (a.plan.name === plan || a.plan.name.split(":")[0] === plan) && madeSince(a.created_at, since));
    return made.pop()?.id;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/addons/${state.id}`);
  },
};
