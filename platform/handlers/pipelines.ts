/**
 * Pipelines, couplings (an app in one stage of one pipeline), promotions
 * (the source app's current slug released on each target, finished a moment
 * later by `settle.ts`) and pipeline stage config vars.
 */
import { randomUUID } from "node:crypto";
import { PIPELINE_NAME_PATTERN, PIPELINE_STAGES } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { CouplingRecord, PipelineRecord, PlatformData, PromotionRecord } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { CEDAR, findApp } from "./apps";
import { syncFormation } from "./formation";
import { recordRelease } from "./releases";

export function findPipeline(data: Readonly<PlatformData>, key: string): PipelineRecord {
  const found = data.pipelines.find((p) => p.id === key || p.name === key);
  if (!found) throw ApiError.notFound("pipeline");
  return found;
}

function findCoupling(data: Readonly<PlatformData>, id: string): CouplingRecord {
  const found = data.couplings.find((c) => c.id === id);
  if (!found) throw ApiError.notFound("pipeline_coupling");
  return found;
}

/** A stage an app can be coupled in; config vars may also be set on `test`, Heroku CI's stage. */
function checkStage(stage: unknown, stages: readonly string[] = PIPELINE_STAGES): string {
  if (typeof stage !== "string" || !stages.includes(stage)) throw ApiError.invalidParams(`Stage must be one of ${stages.join(", ")}.`);
  return stage;
}

const CONFIG_VAR_STAGES = ["test", ...PIPELINE_STAGES] as const;

/** Heroku's checks of a pipeline name, with its messages (internal helper). */
function checkPipelineName(data: Readonly<PlatformData>, name: string): void {
  if (!PIPELINE_NAME_PATTERN.test(name)) throw ApiError.invalidParams("Name must start with a letter and can only contain lowercase letters, numbers, and dashes.");
  if (data.pipelines.some((p) => p.name === name)) throw ApiError.invalidParams("Name has already been taken.");
}

/** Releases the source app's current slug on each target (called by settle). */
export function finishPromotion(data: PlatformData, promotion: PromotionRecord): void {
  const source = data.apps.find((a) => a.id === promotion.source.app.id);
  const release = source && (data.releases[source.id] ?? []).find((r) => r.id === promotion.source.release.id);
  const slug = release?.slug && data.slugs.find((s) => s.id === release.slug?.id);
  for (const target of data.promotionTargets.filter((t) => t.pipeline_promotion.id === promotion.id)) {
    const app = data.apps.find((a) => a.id === target.app.id);
    if (!app || !slug || !source || !release) {
      target.status = "failed";
      target.error_message = "The source release has no slug to promote.";
      continue;
    }
    const promoted = recordRelease(data, app, `Promote ${source.name} v${release.version}`, { id: slug.id });
    syncFormation(data, app, slug.process_types);
    target.release = { id: promoted.id };
    target.status = "succeeded";
  }
  promotion.status = "completed";
  promotion.updated_at = new Date().toISOString();
}

export function pipelineRoutes(router: Router, store: JsonStore<PlatformData>, promotionMs: number): void {
  router.add("GET", "/pipelines", ({ query }) => ({
    body: store.read((d) => {
      const name = query.get("eq[name]");
      return name === null ? d.pipelines : d.pipelines.filter((p) => p.name === name);
    }),
  }));
  router.add("GET", "/pipelines/{pipeline}", ({ params }) => ({ body: store.read((d) => findPipeline(d, params.pipeline)) }));
  router.add("POST", "/pipelines", ({ body }) =>
    store.mutate((data) => {
      const name = String(body.name ?? "");
      checkPipelineName(data, name);
      const owner = (body.owner as { id?: string; type?: string } | undefined) ?? {};
      const now = new Date().toISOString();
      const pipeline: PipelineRecord = {
        id: randomUUID(),
        name,
        owner: { id: owner.id || data.account.id, type: owner.type || "user" },
        generation: { ...CEDAR },
        created_at: now,
        updated_at: now,
      };
      data.pipelines.push(pipeline);
      return { status: 201, body: pipeline };
    }),
  );
  router.add("PATCH", "/pipelines/{pipeline}", ({ params, body }) =>
    store.mutate((data) => {
      const pipeline = findPipeline(data, params.pipeline);
      // A rename is checked as a new name is: the CLI and Terraform find pipelines by name.
      if (body.name !== undefined && body.name !== pipeline.name) {
        const name = typeof body.name === "string" ? body.name : "";
        checkPipelineName(data, name);
        pipeline.name = name;
      }
      pipeline.updated_at = new Date().toISOString();
      for (const c of data.couplings) if (c.pipeline.id === pipeline.id) c.pipeline.name = pipeline.name;
      return { body: pipeline };
    }),
  );
  router.add("DELETE", "/pipelines/{pipeline}", ({ params }) =>
    store.mutate((data) => {
      const pipeline = findPipeline(data, params.pipeline);
      data.pipelines = data.pipelines.filter((p) => p.id !== pipeline.id);
      data.couplings = data.couplings.filter((c) => c.pipeline.id !== pipeline.id);
      return { body: pipeline };
    }),
  );

  router.add("GET", "/pipelines/{pipeline}/pipeline-couplings", ({ params }) => ({
    body: store.read((d) => {
      const pipeline = findPipeline(d, params.pipeline);
      return d.couplings.filter((c) => c.pipeline.id === pipeline.id);
    }),
  }));
  router.add("GET", "/pipeline-couplings", () => ({ body: store.read((d) => d.couplings) }));
  router.add("GET", "/pipeline-couplings/{coupling}", ({ params }) => ({ body: store.read((d) => findCoupling(d, params.coupling)) }));
  // One object, not a list: an app is in at most one pipeline.
  router.add("GET", "/apps/{app}/pipeline-couplings", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      const found = d.couplings.find((c) => c.app.id === app.id);
      if (!found) throw ApiError.notFound("pipeline_coupling");
      return found;
    }),
  }));
  router.add("POST", "/pipeline-couplings", ({ body }) =>
    store.mutate((data) => {
      const app = findApp(data, String(body.app ?? ""));
      const pipeline = findPipeline(data, String(body.pipeline ?? ""));
      const stage = checkStage(body.stage);
      if (data.couplings.some((c) => c.app.id === app.id)) throw ApiError.invalidParams(`${app.name} is already a member of a pipeline.`);
      const now = new Date().toISOString();
      const coupling: CouplingRecord = {
        id: randomUUID(),
        app: { id: app.id },
        pipeline: { id: pipeline.id, name: pipeline.name },
        stage,
        created_at: now,
        updated_at: now,
      };
      data.couplings.push(coupling);
      return { status: 201, body: coupling };
    }),
  );
  router.add("PATCH", "/pipeline-couplings/{coupling}", ({ params, body }) =>
    store.mutate((data) => {
      const coupling = findCoupling(data, params.coupling);
      coupling.stage = checkStage(body.stage);
      coupling.updated_at = new Date().toISOString();
      return { body: coupling };
    }),
  );
  router.add("DELETE", "/pipeline-couplings/{coupling}", ({ params }) =>
    store.mutate((data) => {
      const coupling = findCoupling(data, params.coupling);
      data.couplings = data.couplings.filter((c) => c.id !== coupling.id);
      return { body: coupling };
    }),
  );

  router.add("POST", "/pipeline-promotions", ({ body }) =>
    store.mutate((data) => {
      const pipeline = findPipeline(data, String((body.pipeline as { id?: string })?.id ?? ""));
      const source = body.source as { app?: { id?: string }; release?: { id?: string } } | undefined;
      const app = findApp(data, String(source?.app?.id ?? ""));
      const releases = data.releases[app.id] ?? [];
      const release = source?.release?.id ? releases.find((r) => r.id === source.release?.id) : releases.find((r) => r.current);
      if (!release) throw ApiError.notFound("release");
      const targets = Array.isArray(body.targets) ? (body.targets as ({ app?: { id?: string } } | null)[]) : [];
      if (targets.length === 0) throw ApiError.invalidParams("targets must name at least one app.");
      const now = new Date();
      const promotion: PromotionRecord = {
        id: randomUUID(),
        pipeline: { id: pipeline.id },
        source: { app: { id: app.id }, release: { id: release.id } },
        status: "pending",
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      data.promotions.push(promotion);
      for (const target of targets) {
        const targetApp = findApp(data, String(target?.app?.id ?? ""));
        if (!data.couplings.some((c) => c.app.id === targetApp.id && c.pipeline.id === pipeline.id)) {
          throw ApiError.invalidParams(`${targetApp.name} is not in pipeline ${pipeline.name}.`);
        }
        data.promotionTargets.push({
          id: randomUUID(),
          app: { id: targetApp.id },
          pipeline_promotion: { id: promotion.id },
          release: null,
          status: "pending",
          error_message: null,
        });
      }
      data.pending.promotions[promotion.id] = new Date(now.getTime() + promotionMs).toISOString();
      return { status: 201, body: promotion };
    }),
  );
  router.add("GET", "/pipeline-promotions/{promotion}", ({ params }) => ({
    body: store.read((d) => {
      const found = d.promotions.find((p) => p.id === params.promotion);
      if (!found) throw ApiError.notFound("pipeline_promotion");
      return found;
    }),
  }));
  router.add("GET", "/pipeline-promotions/{promotion}/promotion-targets", ({ params }) => ({
    body: store.read((d) => d.promotionTargets.filter((t) => t.pipeline_promotion.id === params.promotion)),
  }));

  router.add("GET", "/pipelines/{pipeline}/stage/{stage}/config-vars", ({ params }) => ({
    body: store.read((d) => d.pipelineConfigVars[`${findPipeline(d, params.pipeline).id}:${params.stage}`] ?? {}),
  }));
  router.add("PATCH", "/pipelines/{pipeline}/stage/{stage}/config-vars", ({ params, body }) =>
    store.mutate((data) => {
      const key = `${findPipeline(data, params.pipeline).id}:${checkStage(params.stage, CONFIG_VAR_STAGES)}`;
      const vars = (data.pipelineConfigVars[key] ??= {});
      for (const [name, value] of Object.entries(body)) {
        if (value === null) delete vars[name];
        else if (typeof value === "string") vars[name] = value;
        else throw ApiError.invalidParams(`Config var ${name} must be a string or null`);
      }
      return { body: vars };
    }),
  );
}
