/**
 * heroku_drain: a log drain on an app, its URL kept as `url` or, when it
 * carries credentials, as `sensitive_url`. Import id: `<app>:<drain id>`,
 * with `:sensitive` for the latter. Cedar apps only: a Fir app is refused
 * before anything is made, as the real provider does.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { wrapError } from "./state-change";

interface ApiDrain {
  id: string;
  url: string;
  token: string;
}

export const herokuDrain: ResourceType = {
  forceNew: FORCE_NEW.heroku_drain,

  validate(config) {
    return str(config.url) && str(config.sensitive_url) ? [{ path: ["url"], summary: `"url": conflicts with sensitive_url` }] : [];
  },

  async create(ctx, planned) {
    const app = appIdOf(planned);
    // As the real provider (validateAppSupportsTraditionalDrains): Fir apps take telemetry drains instead.
    const owner = await wrapError("error fetching app info: ", () => ctx.client.get<{ name: string; generation: { name: string } }>(`/apps/${app}`));
    if (owner.generation?.name === "fir") {
      throw new Error(`traditional log drains are not supported for Fir generation apps. App '${owner.name}' is ${owner.generation.name} generation. Use heroku_telemetry_drain for Fir apps`);
    }
    const drain = await ctx.client.post<ApiDrain>(`/apps/${app}/log-drains`, { url: str(planned.url) ?? str(planned.sensitive_url) });
    ctx.created(drain.id);
    return { ...planned, id: drain.id, token: drain.token };
  },

  async read(ctx, state) {
    const drain = await orGone(ctx.client.get<ApiDrain>(`/apps/${appIdOf(state)}/log-drains/${encodeURIComponent(str(state.id) ?? "")}`));
    if (!drain) return null;
    const out: ObjectValue = { id: drain.id, token: drain.token };
    if (str(state.url)) out.url = drain.url;
    if (str(state.sensitive_url)) out.sensitive_url = drain.url;
    return out;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/log-drains/${state.id}`);
  },

  async importState(ctx, id) {
    const parts = id.split(":");
    if (parts.length < 2 || parts.length > 3) throw new Error("the heroku_drain import ID should consist of 2 or 3 strings separated by a colon");
    if (parts.length === 3 && parts[2] !== "sensitive") {
      throw new Error(`to import a heroku_drain with a sensitive url, please use 'sensitive', not '${parts[2]}'`);
    }
    const app = await ctx.client.get<{ id: string }>(`/apps/${encodeURIComponent(parts[0])}`);
    const drain = await ctx.client.get<ApiDrain>(`/apps/${app.id}/log-drains/${encodeURIComponent(parts[1])}`);
    return { id: drain.id, app_id: app.id, token: drain.token, [parts.length === 3 ? "sensitive_url" : "url"]: drain.url };
  },
};
