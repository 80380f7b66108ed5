/**
 * Attachments: an add-on made available to an app under a name. Once the
 * add-on is provisioned, an attachment sets `<NAME>_URL` on its app, with a
 * release, as Heroku does; removing it takes the var away with another release.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { findAddonService } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { addonOf, addonWebUrl } from "./addon-lookup";
import { appOf, appRef } from "./app-lookup";
import { nameField, type AddonRecord, type AppRecord, type AttachmentRecord, type PlatformData } from "./records";
import { recordRelease } from "./releases";

const COLORS = ["AMBER", "BLUE", "BRONZE", "COBALT", "CRIMSON", "GOLD", "GRAY", "GREEN", "IVORY", "JADE", "OLIVE", "ONYX", "ORANGE", "PINK", "PURPLE", "RED", "SILVER", "TEAL", "WHITE", "YELLOW"];

/** A fake but well-formed credential URL for a data add-on. */
export function credentialUrl(service: string): string {
  const user = `u${randomBytes(6).toString("hex")}`;
  const password = randomBytes(16).toString("hex");
  const host = `${randomBytes(4).toString("hex")}.dynoform.internal`;
  return service === "heroku-redis" ? `redis://:${password}@${host}:6379` : `postgres://${user}:${password}@${host}:5432/d${randomBytes(6).toString("hex")}`;
}

/** What a client may name of an attachment, typed and bounded as it is stored. */
export const attachmentNames = z.object({ name: nameField.nullish(), namespace: nameField.nullish() });

/** The attachment name an add-on's first attachment to an app gets. */
export function defaultAttachmentName(data: Readonly<PlatformData>, app: AppRecord, service: string): string {
  const info = findAddonService(service);
  const base = info?.configVar?.replace(/_URL$|_API_TOKEN$/, "") ?? service.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const taken = new Set(data.attachments.filter((a) => a.app.id === app.id).map((a) => a.name));
  if (!taken.has(base)) return base;
  const color = COLORS.find((c) => !taken.has(`HEROKU_POSTGRESQL_${c}`)) ?? randomBytes(3).toString("hex").toUpperCase();
  return service === "heroku-postgresql" ? `HEROKU_POSTGRESQL_${color}` : `${base}_${color}`;
}

/** The config vars an attachment of an add-on sets on its app. */
export function varNames(addon: AddonRecord, attachment: string): string[] {
  const info = findAddonService(addon.addon_service.name);
  if (!info?.configVar) return [];
  return [info.configVar.endsWith("_API_TOKEN") ? `${attachment}_API_TOKEN` : `${attachment}_URL`];
}

/** Sets an attachment's vars on its app, with a release. */
export function applyAttachment(data: PlatformData, attachment: AttachmentRecord, value: string): void {
  const app = appOf(data, attachment.app);
  const addon = addonOf(data, attachment.addon);
  for (const name of varNames(addon, attachment.name)) data.configVars[app.id][name] = value;
  recordRelease(data, app, `Attach ${attachment.name} (@ref:${addon.name})`);
}

/** Removes an attachment, and its vars from its app with a release. */
export function detach(data: PlatformData, attachment: AttachmentRecord): void {
  data.attachments = data.attachments.filter((a) => a.id !== attachment.id);
  const app = appOf(data, attachment.app);
  const addon = addonOf(data, attachment.addon);
  for (const name of varNames(addon, attachment.name)) delete data.configVars[app.id][name];
  recordRelease(data, app, `Detach ${attachment.name} (@ref:${addon.name})`);
}

/** A new attachment record; its vars come once the add-on is provisioned. */
export function newAttachment(data: PlatformData, addon: AddonRecord, app: AppRecord, name: string, namespace: string | null): AttachmentRecord {
  if (data.attachments.some((a) => a.app.id === app.id && a.name === name)) {
    throw ApiError.invalidParams(`Name ${name} is already used by another attachment on ${app.name}.`);
  }
  const now = new Date().toISOString();
  const attachment: AttachmentRecord = { id: randomUUID(), name, namespace, addon: { id: addon.id }, app: { id: app.id }, log_input_url: null, created_at: now, updated_at: now };
  data.attachments.push(attachment);
  return attachment;
}

/**
 * Attaches an add-on to another app (`POST /addon-attachments`). A provisioned
 * add-on's credentials are the ones its other attachments already carry.
 */
export function attach(data: PlatformData, addon: AddonRecord, app: AppRecord, name: string | undefined, namespace: string | null): AttachmentRecord {
  const attachment = newAttachment(data, addon, app, name ?? defaultAttachmentName(data, app, addon.addon_service.name), namespace);
  if (addon.state === "provisioned") {
    const source = data.attachments.find((a) => a.addon.id === addon.id && a.id !== attachment.id);
    const sourceVar = source && varNames(addon, source.name)[0];
    applyAttachment(data, attachment, (sourceVar && data.configVars[source.app.id]?.[sourceVar]) || credentialUrl(addon.addon_service.name));
  }
  return attachment;
}

export function findAttachment(data: Readonly<PlatformData>, id: string): AttachmentRecord {
  const found = data.attachments.find((a) => a.id === id);
  if (!found) throw ApiError.notFound("add_on_attachment");
  return found;
}

/** An attachment as answered: its app, its add-on and the add-on's owner named. */
export function attachmentView(data: Readonly<PlatformData>, attachment: AttachmentRecord) {
  const addon = addonOf(data, attachment.addon);
  return {
    ...attachment,
    addon: { id: addon.id, name: addon.name, app: appRef(data, addon.app) },
    app: appRef(data, attachment.app),
    web_url: addonWebUrl(addon),
  };
}
