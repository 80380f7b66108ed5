/**
 * Review apps of a pipeline: the repository it is connected to, and its
 * review-app configuration (the Platform API's `review-app-config`).
 *
 * Heroku connects a pipeline to a GitHub repository through its GitHub
 * integration (the CLI's `pipelines:connect` calls kolkrabbi's
 * `POST /pipelines/{id}/repository` with `{repository: "org/repo"}`); the
 * platform takes that same request, and answers the Platform API's
 * `GET /pipelines/{id}/repo` (what `heroku reviewapps:enable` reads, as
 * `full_name`, when the account has `dashboard-repositories-api`).
 *
 * Chosen where Heroku's answers are not public: a repository's id is a
 * number derived from its name (GitHub's ids are numbers); `stale_days`
 * is 5 until set (the schema's example); enabling review apps with a
 * repository the pipeline is not connected to is refused with the message
 * below; a config that is not there is `not_found` of "review app config".
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { findRegion, REVIEW_APP_DEPLOY_TARGET_ID_PATTERN, REVIEW_APP_DEPLOY_TARGET_TYPES, REVIEW_APP_STALE_DAYS } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { findPipeline } from "./pipelines";
import { nameField, type PipelineRecord, type PipelineRepositoryRecord, type PlatformData, type ReviewAppConfigRecord } from "./records";
import { parseBody } from "./request-shapes";

const DEFAULT_STALE_DAYS = 5;

const repositoryRequest = z.object({ repository: nameField.regex(/^[^/\s]+\/[^/\s]+$/, "must be a GitHub repository as org/repo") });

/** The schema's patterns for a deploy target. */
const deployTarget = z.object({ id: nameField.regex(REVIEW_APP_DEPLOY_TARGET_ID_PATTERN), type: z.enum(REVIEW_APP_DEPLOY_TARGET_TYPES) });
const settings = {
  automatic_review_apps: z.boolean().nullish(),
  destroy_stale_apps: z.boolean().nullish(),
  stale_days: z.number().int().min(REVIEW_APP_STALE_DAYS.min).max(REVIEW_APP_STALE_DAYS.max).nullish(),
  wait_for_ci: z.boolean().nullish(),
  base_name: nameField.nullish(),
  deploy_target: deployTarget.nullish(),
};
const enableRequest = z.object({ repo: nameField, ...settings });
const updateRequest = z.object(settings);

/**
 * Drops the connections and configurations of pipelines deleted since: a
 * pipeline's deletion (state/pipelines.ts) does not know of them, so every
 * change here sweeps them first (internal helper).
 */
function sweep(data: PlatformData): void {
  const live = new Set(data.pipelines.map((p) => p.id));
  data.pipelineRepositories = data.pipelineRepositories.filter((r) => live.has(r.pipeline.id));
  data.reviewAppConfigs = data.reviewAppConfigs.filter((c) => live.has(c.pipeline.id));
}

function repoId(fullName: string): number {
  return createHash("sha256").update(fullName.toLowerCase()).digest().readUIntBE(0, 4);
}

/** Connects a pipeline to a repository, replacing any earlier connection; answered in kolkrabbi's shape. */
export function connectRepository(data: PlatformData, pipelineKey: string, body: unknown) {
  sweep(data);
  const pipeline = findPipeline(data, pipelineKey);
  const { repository } = parseBody(repositoryRequest, body);
  const now = new Date().toISOString();
  data.pipelineRepositories = data.pipelineRepositories.filter((r) => r.pipeline.id !== pipeline.id);
  const record: PipelineRepositoryRecord = { pipeline: { id: pipeline.id }, id: repoId(repository), full_name: repository, created_at: now, updated_at: now };
  data.pipelineRepositories.push(record);
  return repositoryView(record);
}

function connection(data: Readonly<PlatformData>, pipeline: PipelineRecord): PipelineRepositoryRecord {
  const found = data.pipelineRepositories.find((r) => r.pipeline.id === pipeline.id);
  if (!found) throw ApiError.notFound("repository");
  return found;
}

/** kolkrabbi's `GET /pipelines/{id}/repository`: what the CLI reads as `repository.name`. */
export function repositoryView(record: PipelineRepositoryRecord) {
  return { repository: { id: record.id, name: record.full_name, type: "github" }, created_at: record.created_at, updated_at: record.updated_at };
}

export function repositoryOf(data: Readonly<PlatformData>, pipelineKey: string) {
  return repositoryView(connection(data, findPipeline(data, pipelineKey)));
}

/** The Platform API's `GET /pipelines/{id}/repo` (repositories-api): the CLI reads `full_name`. */
export function repoOf(data: Readonly<PlatformData>, pipelineKey: string) {
  const record = connection(data, findPipeline(data, pipelineKey));
  return { id: record.id, full_name: record.full_name };
}

function deployTargetOf(target: z.infer<typeof deployTarget>): ReviewAppConfigRecord["deploy_target"] {
  if (target.type === "space") throw ApiError.notFound("space");
  const region = findRegion(target.id);
  if (!region) throw ApiError.notFound("region");
  return { id: region.id, type: "region" };
}

function findConfig(data: Readonly<PlatformData>, pipeline: PipelineRecord): ReviewAppConfigRecord {
  const found = data.reviewAppConfigs.find((c) => c.pipeline.id === pipeline.id);
  if (!found) throw ApiError.notFound("review_app_config");
  return found;
}

/** A config as answered (the schema's `review-app-config`). */
export function reviewAppConfigView(config: ReviewAppConfigRecord) {
  return {
    pipeline_id: config.pipeline.id,
    repo: { id: config.repo.id },
    automatic_review_apps: config.automatic_review_apps,
    destroy_stale_apps: config.destroy_stale_apps,
    stale_days: config.stale_days,
    wait_for_ci: config.wait_for_ci,
    base_name: config.base_name,
    deploy_target: config.deploy_target,
  };
}

export function reviewAppConfigOf(data: Readonly<PlatformData>, pipelineKey: string) {
  return reviewAppConfigView(findConfig(data, findPipeline(data, pipelineKey)));
}

/** Enables review apps from the pipeline's connected repository (again, replacing the settings, when already enabled). */
export function enableReviewApps(data: PlatformData, pipelineKey: string, body: unknown) {
  sweep(data);
  const pipeline = findPipeline(data, pipelineKey);
  const request = parseBody(enableRequest, body);
  const repo = data.pipelineRepositories.find((r) => r.pipeline.id === pipeline.id);
  if (!repo || repo.full_name.toLowerCase() !== request.repo.toLowerCase()) {
    throw ApiError.invalidParams(`Pipeline ${pipeline.name} is not connected to the repository ${request.repo}.`);
  }
  const now = new Date().toISOString();
  const prior = data.reviewAppConfigs.find((c) => c.pipeline.id === pipeline.id);
  const config: ReviewAppConfigRecord = {
    pipeline: { id: pipeline.id },
    repo: { id: repo.id, full_name: repo.full_name },
    automatic_review_apps: request.automatic_review_apps ?? false,
    destroy_stale_apps: request.destroy_stale_apps ?? false,
    stale_days: request.stale_days ?? DEFAULT_STALE_DAYS,
    wait_for_ci: request.wait_for_ci ?? false,
    base_name: request.base_name ?? null,
    deploy_target: request.deploy_target ? deployTargetOf(request.deploy_target) : null,
    created_at: prior?.created_at ?? now,
    updated_at: now,
  };
  data.reviewAppConfigs = data.reviewAppConfigs.filter((c) => c.pipeline.id !== pipeline.id);
  data.reviewAppConfigs.push(config);
  return reviewAppConfigView(config);
}

/** Changes the settings a request names. */
export function updateReviewApps(data: PlatformData, pipelineKey: string, body: unknown) {
  sweep(data);
  const config = findConfig(data, findPipeline(data, pipelineKey));
  const request = parseBody(updateRequest, body);
  if (request.automatic_review_apps != null) config.automatic_review_apps = request.automatic_review_apps;
  if (request.destroy_stale_apps != null) config.destroy_stale_apps = request.destroy_stale_apps;
  if (request.stale_days != null) config.stale_days = request.stale_days;
  if (request.wait_for_ci != null) config.wait_for_ci = request.wait_for_ci;
  if (request.base_name !== undefined) config.base_name = request.base_name || null;
  if (request.deploy_target) config.deploy_target = deployTargetOf(request.deploy_target);
  config.updated_at = new Date().toISOString();
  return reviewAppConfigView(config);
}

/** Disables review apps: the configuration is gone; answered as it was. */
export function disableReviewApps(data: PlatformData, pipelineKey: string) {
  sweep(data);
  const pipeline = findPipeline(data, pipelineKey);
  const config = findConfig(data, pipeline);
  data.reviewAppConfigs = data.reviewAppConfigs.filter((c) => c !== config);
  return reviewAppConfigView(config);
}
