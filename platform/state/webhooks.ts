/** An app's webhooks. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { findOf } from "./app-lookup";
import { checkRoomForOne, LIMITS } from "./limits";
import { listField, nameField, textField, type AppRecord, type PlatformData, type WebhookRecord } from "./records";
import { parseBody } from "./request-shapes";

export function findWebhook(data: Readonly<PlatformData>, app: AppRecord, key: string): WebhookRecord {
  return findOf(data.webhooks, app, key, "app_webhook");
}

/** What a client sends of a webhook, typed as the Platform API schema types it. */
const webhookRequest = z.object({ url: textField.default(""), level: nameField.optional(), include: listField(nameField).default([]) });

/** A webhook's url, level and entities, checked; an update checks them merged over the current ones (internal helper). */
function webhookSettings(body: Readonly<Record<string, unknown>>): Pick<WebhookRecord, "url" | "level" | "include"> {
  const { url, level, include } = parseBody(webhookRequest, body);
  if (!url.startsWith("https://") && !url.startsWith("http://")) throw ApiError.invalidParams("url must be an http(s) URL.");
  if (level === undefined || !["notify", "sync"].includes(level)) throw ApiError.invalidParams("level must be notify or sync.");
  if (include.length === 0) throw ApiError.invalidParams("include must name at least one entity.");
  return { url, level, include };
}

/** A webhook of an app, up to Heroku's 10 an app. */
export function addWebhook(data: PlatformData, app: AppRecord, settings: Readonly<Record<string, unknown>>): WebhookRecord {
  const checked = webhookSettings(settings);
  checkRoomForOne(LIMITS.webhooksPerApp, data.webhooks.filter((w) => w.app.id === app.id).length);
  const now = new Date().toISOString();
  const webhook: WebhookRecord = { id: randomUUID(), app: { id: app.id }, ...checked, created_at: now, updated_at: now };
  data.webhooks.push(webhook);
  return webhook;
}

export function updateWebhook(webhook: WebhookRecord, change: Readonly<Record<string, unknown>>): void {
  Object.assign(webhook, webhookSettings({ ...webhook, ...change }), { updated_at: new Date().toISOString() });
}

export function removeWebhook(data: PlatformData, webhook: WebhookRecord): void {
  data.webhooks = data.webhooks.filter((w) => w.id !== webhook.id);
}
