/** An app's log drains. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { findOf } from "./app-lookup";
import { checkRoomForOne, LIMITS } from "./limits";
import { textField, type AppRecord, type DrainRecord, type PlatformData } from "./records";
import { parseBody } from "./request-shapes";

/** A drain by id, URL or token. */
export function findDrain(data: Readonly<PlatformData>, app: AppRecord, key: string): DrainRecord {
  return findOf(data.drains, app, key, "log_drain", (x) => x.url === key || x.token === key);
}

const drainRequest = z.object({ url: textField.default("") });

/** A drain of the URL a client sends, up to Heroku's 5 an app. */
export function addDrain(data: PlatformData, app: AppRecord, body: Readonly<Record<string, unknown>>): DrainRecord {
  const { url } = parseBody(drainRequest, body);
  if (!/^(https?|syslog\+tls|syslog):\/\/[^\s]+$/.test(url)) throw ApiError.invalidParams("Url is invalid");
  if (data.drains.some((d) => d.app.id === app.id && d.url === url)) throw ApiError.invalidParams("Url has already been taken");
  checkRoomForOne(LIMITS.drainsPerApp, data.drains.filter((d) => d.app.id === app.id).length);
  const now = new Date().toISOString();
  const drain: DrainRecord = { id: randomUUID(), url, token: `d.${randomUUID()}`, addon: null, app: { id: app.id }, created_at: now, updated_at: now };
  data.drains.push(drain);
  return drain;
}

export function removeDrain(data: PlatformData, drain: DrainRecord): void {
  data.drains = data.drains.filter((d) => d.id !== drain.id);
}
