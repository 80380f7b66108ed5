/**
 * heroku_pipeline: a pipeline owned by the account, or by the owner its
 * `owner` block names (a new owner replaces the pipeline).
 */
import { orGone } from "../../lib/heroku-api-client";
import { PIPELINE_NAME_PATTERN } from "../../vocabulary";
import type { ObjectValue } from "../protocol/cty";
import type { ConfigProblem, ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { madeSince } from "./platform-timing";
import { inSliceProblems, uuidProblems } from "./validators";

interface ApiPipeline {
  id: string;
  name: string;
  owner: { id: string; type: string } | null;
}

function pipelineState(p: ApiPipeline): ObjectValue {
  return { id: p.id, name: p.name, owner: p.owner ? [{ id: p.owner.id, type: p.owner.type }] : [] };
}

export const herokuPipeline: ResourceType = {
  forceNew: FORCE_NEW.heroku_pipeline,
  computedBlocks: ["owner"],

  // The schema's validators, with the plugin SDK's messages (keys as the SDK addresses them).
  validate(config) {
    const problems: ConfigProblem[] = [];
    if (typeof config.name === "string" && !PIPELINE_NAME_PATTERN.test(config.name)) problems.push({ path: ["name"], summary: "invalid value for name (invalid pipeline name)" });
    if (Array.isArray(config.owner)) {
      (config.owner as ObjectValue[]).forEach((owner, i) => {
        problems.push(...uuidProblems(["owner", i, "id"], owner?.id));
        problems.push(...inSliceProblems(["owner", i, "type"], ["team", "user"], owner?.type));
      });
    }
    return problems;
  },

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
