/** Pipelines, couplings, promotions and pipeline stage config vars. */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { findApp } from "../state/app-lookup";
import { couple, couplingOfApp, couplingView, findCoupling, moveCoupling, uncouple } from "../state/couplings";
import { createPipeline, deletePipeline, findPipeline, patchStageConfigVars, renamePipeline, stageConfigVars } from "../state/pipelines";
import { createPromotion, findPromotion, targetsOf } from "../state/promotions";
import type { PlatformData } from "../state/records";

/** The id a client sends in `{id}` (internal helper). */
function idOf(ref: unknown): string {
  return String((ref as { id?: unknown } | null | undefined)?.id ?? "");
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
    store.mutate((data) => ({ status: 201, body: createPipeline(data, body) })),
  );
  router.add("PATCH", "/pipelines/{pipeline}", ({ params, body }) =>
    store.mutate((data) => {
      const pipeline = findPipeline(data, params.pipeline);
      renamePipeline(data, pipeline, body.name === undefined ? undefined : typeof body.name === "string" ? body.name : "");
      return { body: pipeline };
    }),
  );
  router.add("DELETE", "/pipelines/{pipeline}", ({ params }) =>
    store.mutate((data) => {
      const pipeline = findPipeline(data, params.pipeline);
      deletePipeline(data, pipeline);
      return { body: pipeline };
    }),
  );

  router.add("GET", "/pipelines/{pipeline}/pipeline-couplings", ({ params }) => ({
    body: store.read((d) => {
      const pipeline = findPipeline(d, params.pipeline);
      return d.couplings.filter((c) => c.pipeline.id === pipeline.id).map((c) => couplingView(d, c));
    }),
  }));
  router.add("GET", "/pipeline-couplings", () => ({ body: store.read((d) => d.couplings.map((c) => couplingView(d, c))) }));
  router.add("GET", "/pipeline-couplings/{coupling}", ({ params }) => ({ body: store.read((d) => couplingView(d, findCoupling(d, params.coupling))) }));
  router.add("GET", "/apps/{app}/pipeline-couplings", ({ params }) => ({ body: store.read((d) => couplingView(d, couplingOfApp(d, findApp(d, params.app)))) }));
  router.add("POST", "/pipeline-couplings", ({ body }) =>
    store.mutate((data) => {
      const app = findApp(data, String(body.app ?? ""));
      const coupling = couple(data, app, findPipeline(data, String(body.pipeline ?? "")), body.stage);
      return { status: 201, body: couplingView(data, coupling) };
    }),
  );
  router.add("PATCH", "/pipeline-couplings/{coupling}", ({ params, body }) =>
    store.mutate((data) => {
      const coupling = findCoupling(data, params.coupling);
      moveCoupling(coupling, body.stage);
      return { body: couplingView(data, coupling) };
    }),
  );
  router.add("DELETE", "/pipeline-couplings/{coupling}", ({ params }) =>
    store.mutate((data) => {
      const coupling = findCoupling(data, params.coupling);
      uncouple(data, coupling);
      return { body: couplingView(data, coupling) };
    }),
  );

  router.add("POST", "/pipeline-promotions", ({ body }) =>
    store.mutate((data) => {
      const pipeline = findPipeline(data, idOf(body.pipeline));
      const source = body.source as { app?: unknown; release?: { id?: string } } | undefined;
      const targets = Array.isArray(body.targets) ? (body.targets as ({ app?: unknown } | null)[]).map((t) => idOf(t?.app)) : [];
      const promotion = createPromotion(data, pipeline, { app: idOf(source?.app), release: source?.release?.id }, targets, promotionMs);
      return { status: 201, body: promotion };
    }),
  );
  router.add("GET", "/pipeline-promotions/{promotion}", ({ params }) => ({ body: store.read((d) => findPromotion(d, params.promotion)) }));
  router.add("GET", "/pipeline-promotions/{promotion}/promotion-targets", ({ params }) => ({ body: store.read((d) => targetsOf(d, { id: params.promotion })) }));

  router.add("GET", "/pipelines/{pipeline}/stage/{stage}/config-vars", ({ params }) => ({
    body: store.read((d) => stageConfigVars(d, findPipeline(d, params.pipeline), params.stage)),
  }));
  router.add("PATCH", "/pipelines/{pipeline}/stage/{stage}/config-vars", ({ params, body }) =>
    store.mutate((data) => ({ body: patchStageConfigVars(data, findPipeline(data, params.pipeline), params.stage, body) })),
  );
}
