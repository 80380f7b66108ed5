/**
 * Finding add-ons: by name or id across the account, or on one app, where
 * an attachment's name (`DATABASE`) also names the add-on it attaches.
 */
import { ApiError } from "../protocol/api-error";
import type { AddonRecord, AppRecord, PlatformData, Ref } from "./records";

export function findAddon(data: Readonly<PlatformData>, nameOrId: string): AddonRecord {
  const addon = data.addons.find((a) => a.id === nameOrId || a.name === nameOrId);
  if (!addon) throw ApiError.notFound("add_on");
  return addon;
}

/** The add-on an attachment refers to; a missing one is a broken invariant (deprovisioning removes its attachments). */
export function addonOf(data: Readonly<PlatformData>, ref: Ref): AddonRecord {
  const addon = data.addons.find((a) => a.id === ref.id);
  if (!addon) throw new Error(`a record refers to add-on ${ref.id}, which does not exist`);
  return addon;
}

/** The add-ons an app owns or has attached, as `/apps/{app}/addons` lists them. */
export function addonsOf(data: Readonly<PlatformData>, app: AppRecord): AddonRecord[] {
  const attached = new Set(data.attachments.filter((a) => a.app.id === app.id).map((a) => a.addon.id));
  return data.addons.filter((a) => a.app.id === app.id || attached.has(a.id));
}

/** An add-on owned by or attached to an app, by name, id or attachment name (internal helper). */
function findAddonOfApp(data: Readonly<PlatformData>, app: AppRecord, key: string): AddonRecord {
  const attached = data.attachments.filter((a) => a.app.id === app.id);
  const addon = addonsOf(data, app).find((a) => a.id === key || a.name === key || attached.some((x) => x.name === key && x.addon.id === a.id));
  if (!addon) throw ApiError.notFound("add_on");
  return addon;
}

/**
 * What the CLI's resolver finds on an app: a name, id or attachment name, or
 * else a service (`heroku-redis`) or plan (`heroku-redis:mini`) when only one
 * of the app's add-ons has it.
 */
export function resolveOnApp(data: Readonly<PlatformData>, app: AppRecord, key: string): AddonRecord {
  try {
    return findAddonOfApp(data, app, key);
  } catch (notFound) {
    const matches = data.addons.filter((a) => a.app.id === app.id && (a.addon_service.name === key || a.plan.name === key));
    if (matches.length > 1) {
      throw new ApiError(422, "multiple_matches", `Ambiguous identifier; multiple matching add-ons found: ${matches.map((a) => a.name).join(", ")}.`);
    }
    if (matches.length === 0) throw notFound;
    return matches[0];
  }
}

/** Where an add-on is managed: its owner's id and its own name, so it follows a rename of the add-on. */
export function addonWebUrl(addon: AddonRecord): string {
  return `https://addons-sso.heroku.com/apps/${addon.app.id}/addons/${addon.name}`;
}
