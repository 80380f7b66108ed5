/** The data sources: an app, an add-on and a pipeline looked up by name, with the real provider's attributes. */
import type { DataSourceType } from "../engine/resource-type";
import { fetchApp } from "./app";
import { str } from "./common";

interface Release {
  id: string;
  status: string;
  slug: { id: string } | null;
}

export const herokuAppData: DataSourceType = {
  async read(ctx, config) {
    const name = str(config.name) ?? "";
    const found = await fetchApp(ctx, name);
    if (!found) throw new Error(`error retrieving app: Couldn't find that app (${name}).`);
    const releases = await ctx.client.page<Release>(`/apps/${found.details.id}/releases`, "version ..; max=200,order=desc");
    const last = releases.find((r) => r.status === "succeeded");
    return {
      ...found.details,
      config_vars: found.vars,
      organization: found.team ? [{ name: found.team.team.name, locked: found.team.locked, personal: false }] : [],
      last_release_id: last?.id ?? null,
      last_slug_id: last?.slug?.id ?? null,
    };
  },
};

export const herokuAddonData: DataSourceType = {
  async read(ctx, config) {
    const addon = await ctx.client.get<{ id: string; name: string; app: { id: string }; plan: { name: string }; provider_id: string; config_vars: string[] }>(
      `/addons/${encodeURIComponent(str(config.name) ?? "")}`,
    );
    return { id: addon.id, name: addon.name, app_id: addon.app.id, plan: addon.plan.name, provider_id: addon.provider_id, config_vars: addon.config_vars };
  },
};

export const herokuPipelineData: DataSourceType = {
  async read(ctx, config) {
    const p = await ctx.client.get<{ id: string; name: string; owner: { id: string; type: string } | null }>(
      `/pipelines/${encodeURIComponent(str(config.name) ?? "")}`,
    );
    return { id: p.id, name: p.name, owner_id: p.owner?.id ?? null, owner_type: p.owner?.type ?? null };
  },
};
