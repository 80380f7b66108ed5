/**
 * heroku_pipeline_promotion: promotes a release of the source app to the
 * target apps once; it cannot be changed or deleted, only replaced.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { str, stringList } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { waitFor } from "./platform-timing";

interface ApiPromotion {
  id: string;
  created_at: string;
  pipeline: { id: string };
  source: { app: { id: string }; release: { id: string } };
  status: "pending" | "completed" | "failed";
}

interface ApiTarget {
  app: { id: string };
  release: { id: string } | null;
}

async function promotionState(ctx: Parameters<ResourceType["read"]>[0], p: ApiPromotion, state: ObjectValue): Promise<ObjectValue> {
  const targets = await ctx.client.list<ApiTarget>(`/pipeline-promotions/${p.id}/promotion-targets`);
  const promoted = targets.filter((t) => t.release).map((t) => ({ app_id: t.app.id, release_id: (t.release as { id: string }).id }));
  return {
    id: p.id,
    status: p.status,
    created_at: p.created_at,
    pipeline: p.pipeline.id,
    source_app_id: p.source.app.id,
    release_id: state.release_id,
    targets: state.targets,
    promoted_release_ids: promoted,
    promoted_release_id: promoted[0]?.release_id ?? null,
  };
}

export const herokuPipelinePromotion: ResourceType = {
  forceNew: FORCE_NEW.heroku_pipeline_promotion,

  async create(ctx, planned) {
    const body = {
      pipeline: { id: planned.pipeline },
      source: { app: { id: planned.source_app_id }, release: { id: planned.release_id } },
      targets: stringList(planned.targets).map((id) => ({ app: { id } })),
    };
    const created = await ctx.client.post<ApiPromotion>("/pipeline-promotions", body);
    ctx.created(created.id);
    const done = await waitFor(`promotion ${created.id}`, () => ctx.client.get<ApiPromotion>(`/pipeline-promotions/${created.id}`), (p) => p.status !== "pending", 20 * 60_000);
    return promotionState(ctx, done, planned);
  },

  async read(ctx, state) {
    const p = await orGone(ctx.client.get<ApiPromotion>(`/pipeline-promotions/${encodeURIComponent(str(state.id) ?? "")}`));
    return p && promotionState(ctx, p, state);
  },

  async delete() {},
};
