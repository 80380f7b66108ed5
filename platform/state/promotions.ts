/**
 * Promotions: the source app's release, its slug released on every target
 * app of the pipeline (as many as are named, in any stage), finished once
 * settled.
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../protocol/api-error";
import { findApp } from "./app-lookup";
import { syncFormation } from "./formation";
import type { PipelineRecord, PlatformData, PromotionRecord, PromotionTargetRecord } from "./records";
import { currentRelease, findRelease, recordRelease, releasesOf } from "./releases";

/** A promotion of the source app's release (its current one unless named) to each target, due `promotionMs` later. */
export function createPromotion(data: PlatformData, pipeline: PipelineRecord, source: { app: string; release?: string }, targets: readonly string[], promotionMs: number): PromotionRecord {
  const app = findApp(data, source.app);
  const release = source.release ? findRelease(data, app, source.release) : currentRelease(data, app);
  if (!release) throw ApiError.notFound("release");
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
  // An app named twice (by id and by name, say) is promoted to once: one target, one release.
  const promoted = new Set<string>();
  for (const target of targets) {
    const targetApp = findApp(data, target);
    if (!data.couplings.some((c) => c.app.id === targetApp.id && c.pipeline.id === pipeline.id)) {
      throw ApiError.invalidParams(`${targetApp.name} is not in pipeline ${pipeline.name}.`);
    }
    if (promoted.has(targetApp.id)) continue;
    promoted.add(targetApp.id);
    data.promotionTargets.push({ id: randomUUID(), app: { id: targetApp.id }, pipeline_promotion: { id: promotion.id }, release: null, status: "pending", error_message: null });
  }
  data.pending.promotions[promotion.id] = new Date(now.getTime() + promotionMs).toISOString();
  return promotion;
}

export function findPromotion(data: Readonly<PlatformData>, id: string): PromotionRecord {
  const found = data.promotions.find((p) => p.id === id);
  if (!found) throw ApiError.notFound("pipeline_promotion");
  return found;
}

export function targetsOf(data: Readonly<PlatformData>, promotion: Pick<PromotionRecord, "id">): PromotionTargetRecord[] {
  return data.promotionTargets.filter((t) => t.pipeline_promotion.id === promotion.id);
}

/** Releases the source release's slug on each target still there (called by settle). */
export function finishPromotion(data: PlatformData, promotion: PromotionRecord): void {
  const source = data.apps.find((a) => a.id === promotion.source.app.id);
  const release = source && releasesOf(data, source).find((r) => r.id === promotion.source.release.id);
  const slug = release?.slug && data.slugs.find((s) => s.id === release.slug?.id);
  for (const target of targetsOf(data, promotion)) {
    const app = data.apps.find((a) => a.id === target.app.id);
    if (!app || !slug || !source || !release) {
      failTarget(target, "The source release has no slug to promote.");
      continue;
    }
    const promoted = recordRelease(data, app, `Promote ${source.name} v${release.version}`, { id: slug.id });
    syncFormation(data, app, slug.process_types);
    target.release = { id: promoted.id };
    target.status = "succeeded";
  }
  complete(promotion);
}

/** A promotion that could not be finished: every target still pending fails with the reason. */
export function failPromotion(data: PlatformData, promotion: PromotionRecord, reason: string): void {
  for (const target of targetsOf(data, promotion)) if (target.status === "pending") failTarget(target, reason);
  complete(promotion);
}

function failTarget(target: PromotionTargetRecord, reason: string): void {
  target.status = "failed";
  target.error_message = reason;
}

function complete(promotion: PromotionRecord): void {
  promotion.status = "completed";
  promotion.updated_at = new Date().toISOString();
}
