/** heroku_pipeline_coupling: an app in one stage of a pipeline. */
import { orGone } from "../../lib/heroku-api-client";
import { PIPELINE_STAGES } from "../../vocabulary";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { madeSince } from "./platform-timing";
import { inSliceProblems } from "./validators";

interface ApiCoupling {
  id: string;
  app: { id: string };
  pipeline: { id: string };
  stage: string;
}

function couplingState(c: ApiCoupling): ObjectValue {
  return { id: c.id, app_id: c.app.id, pipeline: c.pipeline.id, stage: c.stage };
}

export const herokuPipelineCoupling: ResourceType = {
  forceNew: FORCE_NEW.heroku_pipeline_coupling,

  validate(config) {
    // The real provider's stages are PIPELINE_STAGES, in the order its validation message names them.
    return inSliceProblems(["stage"], PIPELINE_STAGES, str(config.stage));
  },

  async create(ctx, planned) {
    const body = { app: planned.app_id, pipeline: planned.pipeline, stage: planned.stage };
    const coupling = await ctx.client.post<ApiCoupling>("/pipeline-couplings", body);
    ctx.created(coupling.id);
    return couplingState(coupling);
  },

  async read(ctx, state) {
    const c = await orGone(ctx.client.get<ApiCoupling>(`/pipeline-couplings/${encodeURIComponent(str(state.id) ?? "")}`));
    return c && couplingState(c);
  },

  async findCreated(ctx, planned, since) {
    const c = await orGone(ctx.client.get<ApiCoupling & { created_at: string }>(`/apps/${encodeURIComponent(str(planned.app_id) ?? "")}/pipeline-couplings`));
    return c && c.pipeline.id === planned.pipeline && madeSince(c.created_at, since) ? c.id : undefined;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/pipeline-couplings/${state.id}`);
  },
};
