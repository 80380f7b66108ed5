/** The heroku_app data source: an app looked up by name, with its config vars and last release. */
import type { DataSourceType } from "../engine/resource-type";
import { str } from "../resources/attribute-values";
import { fetchApp } from "../resources/app";

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
