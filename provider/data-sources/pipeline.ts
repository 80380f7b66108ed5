/** The heroku_pipeline data source: a pipeline looked up by name or id, with its owner. */
import type { DataSourceType } from "../engine/resource-type";
import { str } from "../resources/attribute-values";

export const herokuPipelineData: DataSourceType = {
  async read(ctx, config) {
    const p = await ctx.client.get<{ id: string; name: string; owner: { id: string; type: string } | null }>(
      `/pipelines/${encodeURIComponent(str(config.name) ?? "")}`,
    );
    return { id: p.id, name: p.name, owner_id: p.owner?.id ?? null, owner_type: p.owner?.type ?? null };
  },
};
