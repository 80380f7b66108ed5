/** An app's webhooks. */
import { randomUUID } from "node:crypto";
import { ApiError } from "../protocol/api-error";
import { findOf } from "./app-lookup";
import type { AppRecord, PlatformData, WebhookRecord } from "./records";

export function findWebhook(data: Readonly<PlatformData>, app: AppRecord, key: string): WebhookRecord {
  return findOf(data.webhooks, app, key, "app_webhook");
}

/** A webhook's url, level and entities, checked; an update checks them merged over the current ones (internal helper). */
function webhookSettings(body: Readonly<Record<string, unknown>>): Pick<WebhookRecord, "url" | "level" | "include"> {
  const url = String(body.url ?? "");
  if (!url.startsWith("https://") && !url.startsWith("http://")) throw ApiError.invalidParams("url must be an http(s) URL.");
  const level = String(body.level);
  if (!["notify", "sync"].includes(level)) throw ApiError.invalidParams("level must be notify or sync.");
  const include = Array.isArray(body.include) ? body.include.map(String) : [];
  if (include.length === 0) throw ApiError.invalidParams("include must name at least one entity.");
  return { url, level, include };
}

export function addWebhook(data: PlatformData, app: AppRecord, settings: Readonly<Record<string, unknown>>): WebhookRecord {
  const now = new Date().toISOString();
  const webhook: WebhookRecord = { id: randomUUID(), app: { id: app.id }, ...webhookSettings(settings), created_at: now, updated_at: now };
  data.webhooks.push(webhook);
  return webhook;
}

export function updateWebhook(webhook: WebhookRecord, change: Readonly<Record<string, unknown>>): void {
  Object.assign(webhook, webhookSettings({ ...webhook, ...change }), { updated_at: new Date().toISOString() });
}

export function removeWebhook(data: PlatformData, webhook: WebhookRecord): void {
  data.webhooks = data.webhooks.filter((w) => w.id !== webhook.id);
}
