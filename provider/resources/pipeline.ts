/**
 * heroku_pipeline: a pipeline owned by the account (or the configured owner);
 * heroku_pipeline_coupling: an app in one of its stages.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { madeSince, orGone, str } from "./common";

interface ApiPipeline {
  id: string;
  name: string;
  owner: { id: string; type: string } | null;
}

interface ApiCoupling {
  id: string;
  app: { id: string };
  pipeline: { id: string };
  stage: string;
}

function pipelineState(p: ApiPipeline): ObjectValue {
  return { id: p.id, name: p.name, owner: p.owner ? [{ id: p.owner.id, type: p.owner.type }] : [] };
}

export const STAGES = ["review", "development", "staging", "production"];

export const herokuPipeline: ResourceType = {
  forceNew: [],
  computedBlocks: ["owner"],

  async create(ctx, planned) {
    const owner = Array.isArray(planned.owner) && planned.owner.length > 0 ? (planned.owner[0] as ObjectValue) : undefined;
    const ownerRef = owner ?? { id: (await ctx.client.get<{ id: string }>("/account")).id, type: "user" };
    const pipeline = await ctx.client.post<ApiPipeline>("/pipelines", { name: planned.name, owner: ownerRef });
    ctx.created(pipeline.id);
    return pipelineState(pipeline);
  },

  async read(ctx, state) {
    const p = await orGone(ctx.client.get<ApiPipeline>(`/pipelines/${encodeURIComponent(str(state.id) ?? "")}`));
    return p && pipelineState(p);
  },

  async update(ctx, prior, planned) {
    if (planned.name !== prior.name) await ctx.client.patch(`/pipelines/${prior.id}`, { name: planned.name });
    return pipelineState(await ctx.client.get<ApiPipeline>(`/pipelines/${prior.id}`));
  },

  async findCreated(ctx, planned, since) {
    const p = await orGone(ctx.client.get<ApiPipeline & { created_at: string }>(`/pipelines/${encodeURIComponent(str(planned.name) ?? "")}`));
    return p && madeSince(p.created_at, since) ? p.id : undefined;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/pipelines/${state.id}`);
  },

  async importState(ctx, id) {
    return pipelineState(await ctx.client.get<ApiPipeline>(`/pipelines/${encodeURIComponent(id)}`));
  },
};

function couplingState(c: ApiCoupling): ObjectValue {
  return { id: c.id, app_id: c.app.id, pipeline: c.pipeline.id, stage: c.stage };
}

export const herokuPipelineCoupling: ResourceType = {
  forceNew: ["app_id", "pipeline", "stage"],

  validate(config) {
    const stage = str(config.stage);
    return stage && !STAGES.includes(stage) ? [{ path: ["stage"], summary: `expected stage to be one of [${STAGES.join(" ")}], got ${stage}` }] : [];
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
