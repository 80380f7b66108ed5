/**
 * heroku_pipeline_config_var: config vars of a pipeline stage (`test` or
 * `review`), plain and sensitive. Only the keys it manages are read back;
 * deleting it removes them. It cannot be imported.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { str, stringMap } from "./attribute-values";
import { checkNoDuplicateVars } from "./duplicate-vars";
import { FORCE_NEW } from "./force-new";
import { inSliceProblems } from "./validators";

const STAGES = ["test", "review"];

function path(state: ObjectValue): string {
  return `/pipelines/${encodeURIComponent(str(state.pipeline_id) ?? "")}/stage/${encodeURIComponent(str(state.pipeline_stage) ?? "")}/config-vars`;
}

function managed(state: ObjectValue): Record<string, string> {
  return { ...stringMap(state.vars), ...stringMap(state.sensitive_vars) };
}

async function write(ctx: ResourceContext, state: ObjectValue, removed: string[], set: Record<string, string>): Promise<void> {
  const body: Record<string, string | null> = Object.fromEntries(removed.map((k) => [k, null]));
  await ctx.client.patch(path(state), Object.assign(body, set));
}

export const herokuPipelineConfigVar: ResourceType = {
  forceNew: FORCE_NEW.heroku_pipeline_config_var,

  validate(config) {
    return inSliceProblems(["pipeline_stage"], STAGES, str(config.pipeline_stage));
  },

  async create(ctx, planned) {
    checkNoDuplicateVars(stringMap(planned.vars), stringMap(planned.sensitive_vars));
    await write(ctx, planned, [], managed(planned));
    return (await this.read(ctx, { ...planned, id: `${planned.pipeline_id}:${planned.pipeline_stage}` })) ?? planned;
  },

  async read(ctx, state) {
    const remote = await ctx.client.get<Record<string, string | null>>(path(state));
    const vet = (keys: Record<string, string>) => Object.fromEntries(Object.keys(keys).filter((k) => typeof remote[k] === "string").map((k) => [k, remote[k] as string]));
    return {
      id: state.id,
      vars: vet(stringMap(state.vars)),
      sensitive_vars: vet(stringMap(state.sensitive_vars)),
      all_vars: Object.fromEntries(Object.entries(remote).filter(([, v]) => typeof v === "string")) as ObjectValue,
    };
  },

  async update(ctx, prior, planned) {
    const before = managed(prior);
    const after = managed(planned);
    await write(ctx, planned, Object.keys(before).filter((k) => !(k in after)), after);
    return (await this.read(ctx, planned)) ?? planned;
  },

  async delete(ctx, state) {
    await write(ctx, state, Object.keys(managed(state)), {});
  },

  async importState() {
    throw new Error("not possible to import this resource");
  },
};
