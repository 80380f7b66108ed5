/**
 * heroku_review_app_config: review apps enabled on a pipeline from its
 * connected GitHub repository, as heroku/heroku 5.3.2 does it: its schema
 * validations (the plugin SDK's messages and its own "invalid deploy
 * target id"), `/pipelines/{id}/review-app-config` with the real one's
 * diagnostics, and the deploy target's region read back by name. Id: the
 * pipeline id; import id: `<pipeline id>:<org/repo>`.
 */
import { REVIEW_APP_DEPLOY_TARGET_ID_PATTERN, REVIEW_APP_DEPLOY_TARGET_TYPES, REVIEW_APP_STALE_DAYS } from "../../vocabulary";
import { isUnknown, type ObjectValue, type Value } from "../protocol/cty";
import type { ConfigProblem, ResourceContext, ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { reportError } from "./state-change";
import { inSliceProblems, uuidProblems } from "./validators";

interface ApiReviewAppConfig {
  pipeline_id: string;
  repo: { id: number };
  automatic_review_apps: boolean;
  destroy_stale_apps: boolean;
  stale_days: number;
  wait_for_ci: boolean;
  base_name: string | null;
  deploy_target: { id: string; type: string } | null;
}

function configPath(pipelineId: string): string {
  return `/pipelines/${encodeURIComponent(pipelineId)}/review-app-config`;
}

function deployTargetOf(planned: ObjectValue): { id: string; type: string } | undefined {
  const block = Array.isArray(planned.deploy_target) ? (planned.deploy_target[0] as ObjectValue | undefined) : undefined;
  return block ? { id: str(block.id) ?? "", type: str(block.type) ?? "" } : undefined;
}

async function read(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const id = str(state.id) ?? "";
  const config = await reportError(`Unable to retrieve review apps config for pipeline ${id}`, () => ctx.client.get<ApiReviewAppConfig>(configPath(id)));
  const deployTarget: ObjectValue[] = [];
  const target = config.deploy_target;
  if (target) {
    // The API answers the region's id; the configuration names it (`us`).
    const region = await reportError(`Unable to retrieve region ${target.id}`, () => ctx.client.get<{ name: string }>(`/regions/${encodeURIComponent(target.id)}`));
    deployTarget.push({ id: region.name, type: target.type });
  }
  return {
    ...state,
    pipeline_id: config.pipeline_id,
    automatic_review_apps: config.automatic_review_apps,
    base_name: config.base_name ?? "",
    destroy_stale_apps: config.destroy_stale_apps,
    stale_days: config.stale_days,
    wait_for_ci: config.wait_for_ci,
    repo_id: config.repo.id,
    deploy_target: deployTarget,
  };
}

export const herokuReviewAppConfig: ResourceType = {
  forceNew: FORCE_NEW.heroku_review_app_config,
  defaults: { automatic_review_apps: false, destroy_stale_apps: false, wait_for_ci: false },

  validate(config) {
    const problems: ConfigProblem[] = [];
    problems.push(...uuidProblems(["pipeline_id"], config.pipeline_id));
    const staleDays = config.stale_days;
    if (typeof staleDays === "number") {
      if (config.destroy_stale_apps === null || config.destroy_stale_apps === undefined) {
        problems.push({ path: ["stale_days"], summary: "Missing required argument", detail: '"stale_days": all of `destroy_stale_apps,stale_days` must be specified' });
      }
      const { min, max } = REVIEW_APP_STALE_DAYS;
      if (staleDays < min || staleDays > max) problems.push({ path: ["stale_days"], summary: `expected stale_days to be in the range (${min} - ${max}), got ${staleDays}` });
    }
    if (Array.isArray(config.deploy_target) && !isUnknown(config.deploy_target)) {
      (config.deploy_target as Value[]).forEach((block, i) => {
        const target = block as ObjectValue;
        if (typeof target.id === "string" && !REVIEW_APP_DEPLOY_TARGET_ID_PATTERN.test(target.id)) problems.push({ path: ["deploy_target", i, "id"], summary: "invalid deploy target id" });
        problems.push(...inSliceProblems(["deploy_target", i, "type"], REVIEW_APP_DEPLOY_TARGET_TYPES, target.type));
      });
    }
    return problems;
  },

  async create(ctx, planned) {
    const pipelineId = str(planned.pipeline_id) ?? "";
    const body: Record<string, unknown> = {
      repo: str(planned.org_repo) ?? "",
      automatic_review_apps: planned.automatic_review_apps === true,
      destroy_stale_apps: planned.destroy_stale_apps === true,
      wait_for_ci: planned.wait_for_ci === true,
    };
    const baseName = typeof planned.base_name === "string" ? str(planned.base_name) : undefined;
    if (baseName) body.base_name = baseName;
    const target = deployTargetOf(planned);
    if (target) body.deploy_target = target;
    if (typeof planned.stale_days === "number" && planned.stale_days !== 0) body.stale_days = planned.stale_days;
    const config = await reportError(`Unable to enable review apps config for pipeline ${pipelineId}`, () => ctx.client.post<ApiReviewAppConfig>(configPath(pipelineId), body));
    ctx.created(config.pipeline_id);
    return read(ctx, { ...planned, id: config.pipeline_id });
  },

  read,

  async update(ctx, prior, planned) {
    const id = str(prior.id) ?? "";
    const changed = (key: string) => JSON.stringify(prior[key] ?? null) !== JSON.stringify(planned[key] ?? null);
    const body: Record<string, unknown> = {};
    if (changed("automatic_review_apps")) body.automatic_review_apps = planned.automatic_review_apps === true;
    if (changed("base_name") && !isUnknown(planned.base_name)) body.base_name = str(planned.base_name) ?? "";
    if (changed("deploy_target")) body.deploy_target = deployTargetOf(planned) ?? { id: "", type: "" };
    if (changed("destroy_stale_apps")) body.destroy_stale_apps = planned.destroy_stale_apps === true;
    if (changed("stale_days") && typeof planned.stale_days === "number") body.stale_days = planned.stale_days;
    if (changed("wait_for_ci")) body.wait_for_ci = planned.wait_for_ci === true;
    await reportError(`Unable to update review apps config for pipeline ${id}`, () => ctx.client.patch(configPath(id), body));
    return read(ctx, { ...planned, id });
  },

  async delete(ctx, state) {
    const id = str(state.id) ?? "";
    await reportError(`Unable to disable review apps config for pipeline ${id}`, () => ctx.client.delete(configPath(id)));
  },

  async importState(ctx, id) {
    const cut = id.indexOf(":");
    if (cut < 0) throw new Error("unable to parse import ID for pipeline ID and Github org/repo");
    try {
      return await read(ctx, { id: id.slice(0, cut), org_repo: id.slice(cut + 1) });
    } catch {
      throw new Error("unable to import review app configs");
    }
  },
};
