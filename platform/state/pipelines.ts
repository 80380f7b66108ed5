/**
 * Pipelines and their stage config vars. A pipeline is named in one place,
 * its record: couplings refer to it by id, so a rename is seen by all.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { PIPELINE_NAME_PATTERN, PIPELINE_STAGES } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { generationRef } from "./apps";
import { patchVars } from "./config-vars";
import { nameField, type PipelineRecord, type PlatformData } from "./records";
import { parseBody } from "./request-shapes";

export function findPipeline(data: Readonly<PlatformData>, key: string): PipelineRecord {
  const found = data.pipelines.find((p) => p.id === key || p.name === key);
  if (!found) throw ApiError.notFound("pipeline");
  return found;
}

/** A stage an app can be coupled in; config vars may also be set on `test`, Heroku CI's stage. */
export function checkStage(stage: unknown, stages: readonly string[] = PIPELINE_STAGES): string {
  if (typeof stage !== "string" || !stages.includes(stage)) throw ApiError.invalidParams(`Stage must be one of ${stages.join(", ")}.`);
  return stage;
}

const CONFIG_VAR_STAGES = ["test", ...PIPELINE_STAGES] as const;

/** Heroku's checks of a pipeline name, with its messages; the CLI and Terraform find pipelines by name (internal helper). */
function checkPipelineName(data: Readonly<PlatformData>, name: string): void {
  if (!PIPELINE_NAME_PATTERN.test(name)) throw ApiError.invalidParams("Name must start with a letter and can only contain lowercase letters, numbers, and dashes.");
  if (data.pipelines.some((p) => p.name === name)) throw ApiError.invalidParams("Name has already been taken.");
}

/** What a client sends to create a pipeline: its name, and its owner (the account unless named). */
const pipelineRequest = z.object({ name: nameField.default(""), owner: z.object({ id: nameField.optional(), type: nameField.optional() }).nullish() });

export function createPipeline(data: PlatformData, body: Readonly<Record<string, unknown>>): PipelineRecord {
  const request = parseBody(pipelineRequest, body);
  checkPipelineName(data, request.name);
  const now = new Date().toISOString();
  const pipeline: PipelineRecord = {
    id: randomUUID(),
    name: request.name,
    owner: { id: request.owner?.id || data.account.id, type: request.owner?.type || "user" },
    generation: generationRef(),
    created_at: now,
    updated_at: now,
  };
  data.pipelines.push(pipeline);
  return pipeline;
}

/** A rename is checked as a new name is. */
export function renamePipeline(data: PlatformData, pipeline: PipelineRecord, name: string | undefined): void {
  if (name !== undefined && name !== pipeline.name) {
    checkPipelineName(data, name);
    pipeline.name = name;
  }
  pipeline.updated_at = new Date().toISOString();
}

/** Deletes a pipeline with what belongs to it: couplings (the apps stay), promotions, stage config vars. */
export function deletePipeline(data: PlatformData, pipeline: PipelineRecord): void {
  data.pipelines = data.pipelines.filter((p) => p.id !== pipeline.id);
  data.couplings = data.couplings.filter((c) => c.pipeline.id !== pipeline.id);
  const promotions = new Set(data.promotions.filter((p) => p.pipeline.id === pipeline.id).map((p) => p.id));
  data.promotions = data.promotions.filter((p) => !promotions.has(p.id));
  data.promotionTargets = data.promotionTargets.filter((t) => !promotions.has(t.pipeline_promotion.id));
  for (const id of promotions) delete data.pending.promotions[id];
  for (const stage of CONFIG_VAR_STAGES) delete data.pipelineConfigVars[stageKey(pipeline, stage)];
}

function stageKey(pipeline: PipelineRecord, stage: string): string {
  return `${pipeline.id}:${stage}`;
}

export function stageConfigVars(data: Readonly<PlatformData>, pipeline: PipelineRecord, stage: string): Readonly<Record<string, string>> {
  return data.pipelineConfigVars[stageKey(pipeline, stage)] ?? {};
}

export function patchStageConfigVars(data: PlatformData, pipeline: PipelineRecord, stage: string, patch: Readonly<Record<string, unknown>>): Record<string, string> {
  const vars = (data.pipelineConfigVars[stageKey(pipeline, checkStage(stage, CONFIG_VAR_STAGES))] ??= {});
  patchVars(vars, patch);
  return vars;
}
