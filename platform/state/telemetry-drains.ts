/**
 * Telemetry drains: OpenTelemetry drains of Fir apps and spaces (the
 * Platform API's `telemetry-drain`). A drain refers to its owner by id;
 * deleting the app or the space removes its drains (delete-app.ts,
 * spaces.ts).
 *
 * Chosen where Heroku is silent (docs/labs-telemetry-review-apps.md): the
 * message refusing a Cedar owner, and that an update's exporter changes only
 * the fields it names, as the CLI's `telemetry:update` says ("attributes not
 * provided remain unchanged") and sends.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { findApp } from "./app-lookup";
import { telemetryExporter, telemetryHeaders, telemetryOwner, telemetrySignals, type PlatformData, type TelemetryDrainRecord } from "./records";
import { parseBody } from "./request-shapes";
import { findSpace } from "./space-lookup";

type Owner = TelemetryDrainRecord["owner"];

/** `POST /telemetry-drains`: the schema's body, all three required; headers default to none. */
const createRequest = z.object({
  owner: telemetryOwner,
  signals: telemetrySignals,
  exporter: telemetryExporter.extend({ headers: telemetryHeaders.default({}) }),
});

/** `PATCH /telemetry-drains/{id}`: signals, and any of the exporter's fields. */
const updateRequest = z.object({
  signals: telemetrySignals.nullish(),
  exporter: telemetryExporter.extend({ headers: telemetryHeaders }).partial().nullish(),
});

/** The owner a request names, by its id, if it is a Fir app or space: 404 when there is none, 422 when it is Cedar (internal helper). */
function firOwner(data: Readonly<PlatformData>, owner: Owner): Owner {
  const found = owner.type === "app" ? findApp(data, owner.id) : findSpace(data, owner.id);
  if (found.generation.name !== "fir") {
    throw ApiError.invalidParams(`Telemetry drains are only supported for Fir generation apps and spaces. The ${owner.type} ${found.name} is ${found.generation.name} generation.`);
  }
  return { id: found.id, type: owner.type };
}

function ownedBy(drain: TelemetryDrainRecord, owner: Owner): boolean {
  return drain.owner.type === owner.type && drain.owner.id === owner.id;
}

/** Creates a drain of a Fir app or space. */
export function createTelemetryDrain(data: PlatformData, body: unknown): TelemetryDrainRecord {
  const request = parseBody(createRequest, body);
  const now = new Date().toISOString();
  const drain: TelemetryDrainRecord = {
    id: randomUUID(),
    owner: firOwner(data, request.owner),
    signals: request.signals,
    exporter: request.exporter,
    created_at: now,
    updated_at: now,
  };
  data.telemetryDrains.push(drain);
  return drain;
}

/** A drain by id; 404 `not_found` otherwise. */
export function findTelemetryDrain(data: Readonly<PlatformData>, id: string): TelemetryDrainRecord {
  const drain = data.telemetryDrains.find((d) => d.id === id);
  if (!drain) throw ApiError.notFound("telemetry_drain");
  return drain;
}

/** The drains of an app or a space (a space's own, not its apps'). */
export function telemetryDrainsOf(data: Readonly<PlatformData>, owner: Owner): TelemetryDrainRecord[] {
  return data.telemetryDrains.filter((d) => ownedBy(d, owner));
}

/** Replaces the signals given, and the exporter's fields given. */
export function updateTelemetryDrain(drain: TelemetryDrainRecord, body: unknown): void {
  const { signals, exporter } = parseBody(updateRequest, body);
  if (signals) drain.signals = signals;
  if (exporter) drain.exporter = { ...drain.exporter, ...exporter };
  drain.updated_at = new Date().toISOString();
}

export function removeTelemetryDrain(data: PlatformData, drain: TelemetryDrainRecord): void {
  data.telemetryDrains = data.telemetryDrains.filter((d) => d.id !== drain.id);
}

/** Removes an app's or a space's drains, as deleting it does. */
export function removeTelemetryDrainsOf(data: PlatformData, owner: Owner): void {
  data.telemetryDrains = data.telemetryDrains.filter((d) => !ownedBy(d, owner));
}
