/** An app's log drains. */
import { randomUUID } from "node:crypto";
import { ApiError } from "../protocol/api-error";
import { findOf } from "./app-lookup";
import type { AppRecord, DrainRecord, PlatformData } from "./records";

/** A drain by id, URL or token. */
export function findDrain(data: Readonly<PlatformData>, app: AppRecord, key: string): DrainRecord {
  return findOf(data.drains, app, key, "log_drain", (x) => x.url === key || x.token === key);
}

export function addDrain(data: PlatformData, app: AppRecord, url: string): DrainRecord {
  if (!/^(https?|syslog\+tls|syslog):\/\/[^\s]+$/.test(url)) throw ApiError.invalidParams("Url is invalid");
  if (data.drains.some((d) => d.app.id === app.id && d.url === url)) throw ApiError.invalidParams("Url has already been taken");
  const now = new Date().toISOString();
  const drain: DrainRecord = { id: randomUUID(), url, token: `d.${randomUUID()}`, addon: null, app: { id: app.id }, created_at: now, updated_at: now };
  data.drains.push(drain);
  return drain;
}

export function removeDrain(data: PlatformData, drain: DrainRecord): void {
  data.drains = data.drains.filter((d) => d.id !== drain.id);
}
