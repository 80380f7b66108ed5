/**
 * Couplings: an app in one stage of one pipeline. An app is in at most one
 * pipeline; a stage holds as many apps as are coupled to it (Heroku allows
 * several production apps, and many development ones).
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../protocol/api-error";
import { checkStage } from "./pipelines";
import type { AppRecord, CouplingRecord, PipelineRecord, PlatformData } from "./records";

export function findCoupling(data: Readonly<PlatformData>, id: string): CouplingRecord {
  const found = data.couplings.find((c) => c.id === id);
  if (!found) throw ApiError.notFound("pipeline_coupling");
  return found;
}

/** The app's coupling: one object, not a list, as an app is in at most one pipeline. */
export function couplingOfApp(data: Readonly<PlatformData>, app: AppRecord): CouplingRecord {
  const found = data.couplings.find((c) => c.app.id === app.id);
  if (!found) throw ApiError.notFound("pipeline_coupling");
  return found;
}

export function couple(data: PlatformData, app: AppRecord, pipeline: PipelineRecord, stage: unknown): CouplingRecord {
  const checked = checkStage(stage);
  if (data.couplings.some((c) => c.app.id === app.id)) throw ApiError.invalidParams(`${app.name} is already a member of a pipeline.`);
  const now = new Date().toISOString();
  const coupling: CouplingRecord = { id: randomUUID(), app: { id: app.id }, pipeline: { id: pipeline.id }, stage: checked, created_at: now, updated_at: now };
  data.couplings.push(coupling);
  return coupling;
}

export function moveCoupling(coupling: CouplingRecord, stage: unknown): void {
  coupling.stage = checkStage(stage);
  coupling.updated_at = new Date().toISOString();
}

export function uncouple(data: PlatformData, coupling: CouplingRecord): void {
  data.couplings = data.couplings.filter((c) => c.id !== coupling.id);
}

/** A coupling as answered: its pipeline named as it is now. */
export function couplingView(data: Readonly<PlatformData>, coupling: CouplingRecord) {
  const pipeline = data.pipelines.find((p) => p.id === coupling.pipeline.id);
  if (!pipeline) throw new Error(`coupling ${coupling.id} refers to pipeline ${coupling.pipeline.id}, which does not exist`);
  return { ...coupling, pipeline: { id: pipeline.id, name: pipeline.name } };
}
