/** The heroku_addon data source: an add-on looked up by name. */
import type { DataSourceType } from "../engine/resource-type";
import { str } from "../resources/attribute-values";

export const herokuAddonData: DataSourceType = {
  async read(ctx, config) {
    const addon = await ctx.client.get<{ id: string; name: string; app: { id: string }; plan: { name: string }; provider_id: string; config_vars: string[] }>(
      `/addons/${encodeURIComponent(str(config.name) ?? "")}`,
    );
    return { id: addon.id, name: addon.name, app_id: addon.app.id, plan: addon.plan.name, provider_id: addon.provider_id, config_vars: addon.config_vars };
  },
};
