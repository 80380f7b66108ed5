/**
 * Add-ons. Data services provision asynchronously (`provisioning`, then
 * `provisioned` once settled, see `settle.ts`); provisioning gives the
 * add-on's attachments their vars. Removing an add-on detaches it from every
 * app, each detachment with its release.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { findAddonPlan } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { addonWebUrl } from "./addon-lookup";
import { appOf, appRef } from "./app-lookup";
import { applyAttachment, detach, madeUpCredential, newAttachment, defaultAttachmentName, varNames } from "./attachments";
import { engineOf, newDataStore, retireStore, storeOf, storeUrl } from "./data-stores";
import { nameField, type AddonRecord, type AppRecord, type PlatformData } from "./records";
import { stableId } from "./stable-id";

const WORDS = ["curved", "silent", "rugged", "shallow", "cubic", "vertical", "flat", "solid", "round", "angular", "clear", "dimensional"];

/** The names a client may give an add-on and its attachment, typed and bounded as they are stored (the plan is looked up). */
export const addonNames = z.object({ name: nameField.nullish(), attachment: z.object({ name: nameField.nullish() }).nullish() });

/** What a client asks for when it creates an add-on. */
export interface AddonRequest {
  /** `service:plan`, or a service alone for its default plan. */
  readonly plan: string;
  readonly name?: string;
  /** The name of its attachment to the app. @default from the service (`DATABASE`, `REDIS`, …) */
  readonly attachmentName?: string;
  /** The Postgres major version asked for (`config.version`), recorded with the add-on's store. */
  readonly version?: string;
}

/** Heroku's refusal of a plan it does not know, named as the client named it (internal helper). */
function unknownPlan(name: string): ApiError {
  return ApiError.invalidParams(`Couldn't find either the add-on service or the add-on plan of "${name}".`);
}

/** An add-on's plan as stored, priced by the month: the CLI reads `plan.price` (internal helper). */
function planRef(service: string, plan: string, monthlyUsd: number): AddonRecord["plan"] {
  return { id: stableId("addon-plan", `${service}:${plan}`), name: `${service}:${plan}`, price: { cents: monthlyUsd * 100, contract: false, metered: false, unit: "month" } };
}

function checkAddonName(data: Readonly<PlatformData>, name: string): void {
  if (data.addons.some((a) => a.name === name)) throw ApiError.invalidParams(`Name ${name} is already taken.`);
}

/** Creates an add-on and its attachment to the app; one that provisions asynchronously is due `provisionMs` later. */
export function createAddon(data: PlatformData, app: AppRecord, request: AddonRequest, provisionMs: number): AddonRecord {
  const found = findAddonPlan(request.plan);
  if (!found) throw unknownPlan(request.plan);
  const { service, plan } = found;
  const name = request.name || `${service.name.replace(/^heroku-/, "")}-${WORDS[randomBytes(1)[0] % WORDS.length]}-${10000 + (randomBytes(2).readUInt16BE() % 90000)}`;
  checkAddonName(data, name);
  const now = new Date();
  const addon: AddonRecord = {
    id: randomUUID(),
    name,
    app: { id: app.id },
    addon_service: { id: service.id, name: service.name },
    plan: planRef(service.name, plan.name, plan.monthlyUsd),
    provider_id: `resource${randomBytes(8).toString("hex")}@dynoform.local`,
    config_vars: [],
    provision_message: service.provisionsAsync ? `${service.humanName} is being created and will be available shortly.` : "",
    state: service.provisionsAsync ? "provisioning" : "provisioned",
    billed_price: { cents: plan.monthlyUsd * 100, contract: false, unit: "month" },
    actions: [],
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  data.addons.push(addon);
  const attachment = newAttachment(data, addon, app, request.attachmentName ?? defaultAttachmentName(data, app, service.name), null);
  addon.config_vars = varNames(addon, attachment.name);
  const engine = engineOf(addon);
  if (engine) newDataStore(data, addon, engine, request.version ?? null);
  if (service.provisionsAsync) data.pending.addons[addon.id] = new Date(now.getTime() + provisionMs).toISOString();
  else finishProvisioning(data, addon);
  return addon;
}

/** A change of plan (within the add-on's service) or of name. */
export function updateAddon(data: PlatformData, addon: AddonRecord, change: { plan?: string; name?: string }): void {
  if (change.plan !== undefined) {
    // A plan alone (`premium-0`) is a plan of the add-on's service; another service's plan is no plan of it.
    const found = findAddonPlan(change.plan.includes(":") ? change.plan : `${addon.addon_service.name}:${change.plan}`);
    if (!found || found.service.name !== addon.addon_service.name) throw unknownPlan(change.plan);
    addon.plan = planRef(found.service.name, found.plan.name, found.plan.monthlyUsd);
    addon.billed_price = { ...addon.billed_price, cents: found.plan.monthlyUsd * 100 };
  }
  if (change.name && change.name !== addon.name) {
    checkAddonName(data, change.name);
    addon.name = change.name;
  }
  addon.updated_at = new Date().toISOString();
}

/** Completes provisioning: the add-on's attachments get their vars, its store's URL for a data add-on (called by settle). */
export function finishProvisioning(data: PlatformData, addon: AddonRecord): void {
  addon.state = "provisioned";
  addon.updated_at = new Date().toISOString();
  const store = storeOf(data, addon);
  const value = store ? storeUrl(store) : madeUpCredential();
  for (const attachment of data.attachments.filter((a) => a.addon.id === addon.id)) applyAttachment(data, attachment, value);
}

/**
 * Provisioning that could not finish. Heroku's add-on states know no
 * failure: the add-on ends `deprovisioned`, which clients waiting for
 * `provisioned` read as failed, and its attachments (which never had vars) go.
 */
export function failProvisioning(data: PlatformData, addon: AddonRecord): void {
  addon.state = "deprovisioned";
  addon.updated_at = new Date().toISOString();
  data.attachments = data.attachments.filter((a) => a.addon.id !== addon.id);
  retireStore(data, addon);
}

/** Removes an add-on with its attachments and their vars, and its data; the record, deprovisioned, is returned. */
export function deprovision(data: PlatformData, addon: AddonRecord): AddonRecord {
  retireStore(data, addon);
  for (const attachment of data.attachments.filter((a) => a.addon.id === addon.id)) detach(data, attachment);
  data.addons = data.addons.filter((a) => a.id !== addon.id);
  delete data.pending.addons[addon.id];
  return { ...addon, state: "deprovisioned", updated_at: new Date().toISOString() };
}

/** Removes an add-on through one of its apps: only the app that owns it may. */
export function removeAddonOfApp(data: PlatformData, app: AppRecord, addon: AddonRecord): AddonRecord {
  if (addon.app.id !== app.id) throw ApiError.invalidParams(`${addon.name} is attached to ${app.name} but owned by ${appOf(data, addon.app).name}.`);
  return deprovision(data, addon);
}

/** An add-on as answered: its owner named, billed to that app. */
export function addonView(data: Readonly<PlatformData>, addon: AddonRecord) {
  const app = appRef(data, addon.app);
  return { ...addon, app, billing_entity: { ...app, type: "app" }, web_url: addonWebUrl(addon) };
}
