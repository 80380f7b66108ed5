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

/** A well-formed but made-up credential for an add-on that holds no data the platform serves (Papertrail's token, say). */
export function madeUpCredential(): string {
  return randomBytes(16).toString("hex");
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

/** Sets a new value on every attachment of a provisioned add-on, each app with its release, as a credential rotation or a maintenance does on Heroku. */
export function setAttachmentVars(data: PlatformData, addon: AddonRecord, value: string): void {
  for (const attachment of data.attachments.filter((a) => a.addon.id === addon.id)) {
    const app = appOf(data, attachment.app);
    for (const name of varNames(addon, attachment.name)) data.configVars[app.id][name] = value;
    recordRelease(data, app, `Update ${attachment.name} by ${addon.addon_service.name}`);
  }
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
    applyAttachment(data, attachment, (sourceVar && data.configVars[source.app.id]?.[sourceVar]) || madeUpCredential());
  }
  return attachment;
}

/**
 * The attachments a name resolves to on an app (`POST /actions/addon-attachments/resolve`):
 * by the attachment's name, its var (`DATABASE_URL`), or its add-on's name.
 */
export function resolveAttachments(data: Readonly<PlatformData>, app: AppRecord, key: string): AttachmentRecord[] {
  const found = data.attachments.filter((a) => {
    if (a.app.id !== app.id) return false;
    const addon = addonOf(data, a.addon);
    return a.name === key || varNames(addon, a.name).includes(key) || addon.name === key;
  });
  if (found.length === 0) throw ApiError.notFound("add_on_attachment");
  return found;
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
    // The CLI's pg and redis commands read the add-on's plan and the attachment's vars (Heroku includes them on `Accept-Inclusion: addon:plan,config_vars`).
    addon: { id: addon.id, name: addon.name, app: appRef(data, addon.app), plan: { id: addon.plan.id, name: addon.plan.name } },
    app: appRef(data, attachment.app),
    config_vars: varNames(addon, attachment.name),
    web_url: addonWebUrl(addon),
  };
}
