/**
 * Add-ons and their attachments. Data services provision asynchronously
 * (`provisioning`, then `provisioned` a moment later, see `settle.ts`); an
 * attachment sets `<NAME>_URL` on its app, with a release, as Heroku does,
 * and removing it (or the add-on) takes the var away with another release.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { findAddonPlan, findAddonService } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { AddonRecord, AppRecord, AttachmentRecord, PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { stableId } from "../stable-id";
import { findApp, recordsOfApp } from "./apps";
import { recordRelease } from "./releases";

const COLORS = ["AMBER", "BLUE", "BRONZE", "COBALT", "CRIMSON", "GOLD", "GRAY", "GREEN", "IVORY", "JADE", "OLIVE", "ONYX", "ORANGE", "PINK", "PURPLE", "RED", "SILVER", "TEAL", "WHITE", "YELLOW"];
const WORDS = ["curved", "silent", "rugged", "shallow", "cubic", "vertical", "flat", "solid", "round", "angular", "clear", "dimensional"];

export function findAddon(data: Readonly<PlatformData>, nameOrId: string): AddonRecord {
  const addon = data.addons.find((a) => a.id === nameOrId || a.name === nameOrId);
  if (!addon) throw ApiError.notFound("add_on");
  return addon;
}

/** An add-on owned by or attached to an app, by name, id or attachment name (internal helper). */
function findAddonOfApp(data: Readonly<PlatformData>, app: AppRecord, key: string): AddonRecord {
  const attached = data.attachments.filter((a) => a.app.id === app.id);
  const addon = data.addons.find(
    (a) => (a.id === key || a.name === key || attached.some((x) => x.name === key && x.addon.id === a.id)) &&
      (a.app.id === app.id || attached.some((x) => x.addon.id === a.id)),
  );
  if (!addon) throw ApiError.notFound("add_on");
  return addon;
}

/**
 * What the CLI's resolver finds on an app: a name, id or attachment name, or
 * else a service (`heroku-redis`) or plan (`heroku-redis:mini`) when only one
 * of the app's add-ons has it (internal helper).
 */
function resolveOnApp(data: Readonly<PlatformData>, app: AppRecord, key: string): AddonRecord {
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

/** An add-on's plan as served, priced by the month (internal helper). */
function planRef(service: string, plan: string, monthlyUsd: number): AddonRecord["plan"] {
  return { id: stableId("addon-plan", `${service}:${plan}`), name: `${service}:${plan}`, price: { cents: monthlyUsd * 100, contract: false, metered: false, unit: "month" } };
}

/** A fake but well-formed credential URL for a data add-on (internal helper). */
function credentialUrl(service: string): string {
  const user = `u${randomBytes(6).toString("hex")}`;
  const password = randomBytes(16).toString("hex");
  const host = `${randomBytes(4).toString("hex")}.dynoform.internal`;
  return service === "heroku-redis" ? `redis://:${password}@${host}:6379` : `postgres://${user}:${password}@${host}:5432/d${randomBytes(6).toString("hex")}`;
}

/** The attachment name an add-on's first attachment to an app gets (internal helper). */
function defaultAttachmentName(data: Readonly<PlatformData>, app: AppRecord, service: string): string {
  const info = findAddonService(service);
  const base = info?.configVar?.replace(/_URL$|_API_TOKEN$/, "") ?? service.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const taken = new Set(data.attachments.filter((a) => a.app.id === app.id).map((a) => a.name));
  if (!taken.has(base)) return base;
  const color = COLORS.find((c) => !taken.has(`HEROKU_POSTGRESQL_${c}`)) ?? randomBytes(3).toString("hex").toUpperCase();
  return service === "heroku-postgresql" ? `HEROKU_POSTGRESQL_${color}` : `${base}_${color}`;
}

function varNames(addon: AddonRecord, attachment: string): string[] {
  const info = findAddonService(addon.addon_service.name);
  if (!info?.configVar) return [];
  return [info.configVar.endsWith("_API_TOKEN") ? `${attachment}_API_TOKEN` : `${attachment}_URL`];
}

/** Sets an attachment's vars on its app, with a release (internal helper). */
function applyAttachment(data: PlatformData, attachment: AttachmentRecord, value: string): void {
  const app = data.apps.find((a) => a.id === attachment.app.id);
  const addon = data.addons.find((a) => a.id === attachment.addon.id);
  if (!app || !addon) return;
  for (const name of varNames(addon, attachment.name)) data.configVars[app.id][name] = value;
  recordRelease(data, app, `Attach ${attachment.name} (@ref:${addon.name})`);
}

function removeAttachment(data: PlatformData, attachment: AttachmentRecord): void {
  data.attachments = data.attachments.filter((a) => a.id !== attachment.id);
  const app = data.apps.find((a) => a.id === attachment.app.id);
  const addon = data.addons.find((a) => a.id === attachment.addon.id);
  if (!app || !addon) return;
  for (const name of varNames(addon, attachment.name)) delete data.configVars[app.id]?.[name];
  recordRelease(data, app, `Detach ${attachment.name} (@ref:${addon.name})`);
}

/** Completes provisioning: the add-on's attachments get their vars (called by settle). */
export function finishProvisioning(data: PlatformData, addon: AddonRecord): void {
  addon.state = "provisioned";
  addon.updated_at = new Date().toISOString();
  const value = credentialUrl(addon.addon_service.name);
  for (const attachment of data.attachments.filter((a) => a.addon.id === addon.id)) applyAttachment(data, attachment, value);
}

/** Removes an add-on with its attachments and their vars; the record, deprovisioned, is returned. */
export function deprovision(data: PlatformData, addon: AddonRecord): AddonRecord {
  for (const attachment of data.attachments.filter((a) => a.addon.id === addon.id)) removeAttachment(data, attachment);
  data.addons = data.addons.filter((a) => a.id !== addon.id);
  delete data.pending.addons[addon.id];
  return { ...addon, state: "deprovisioned", updated_at: new Date().toISOString() };
}

function newAttachment(data: PlatformData, addon: AddonRecord, app: AppRecord, name: string, namespace: string | null): AttachmentRecord {
  if (data.attachments.some((a) => a.app.id === app.id && a.name === name)) {
    throw ApiError.invalidParams(`Name ${name} is already used by another attachment on ${app.name}.`);
  }
  const now = new Date().toISOString();
  const attachment: AttachmentRecord = {
    id: randomUUID(),
    name,
    namespace,
    addon: { id: addon.id, name: addon.name, app: { ...addon.app } },
    app: { id: app.id, name: app.name },
    web_url: addon.web_url,
    log_input_url: null,
    created_at: now,
    updated_at: now,
  };
  data.attachments.push(attachment);
  return attachment;
}

/** A plan as clients send it: a name (heroku-go) or `{name}` / `{id}` (the official CLI) (internal helper). */
function planNameOf(plan: unknown): string {
  if (plan && typeof plan === "object") {
    const { name, id } = plan as { name?: unknown; id?: unknown };
    return String(name ?? id ?? "");
  }
  return String(plan ?? "");
}

export function addonRoutes(router: Router, store: JsonStore<PlatformData>, provisionMs: number): void {
  router.add("GET", "/addons", () => ({ body: store.read((d) => d.addons) }));
  router.add("GET", "/addons/{addon}", ({ params }) => ({ body: store.read((d) => findAddon(d, params.addon)) }));
  router.add("GET", "/apps/{app}/addons", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      const attached = new Set(d.attachments.filter((a) => a.app.id === app.id).map((a) => a.addon.id));
      return d.addons.filter((a) => a.app.id === app.id || attached.has(a.id));
    }),
  }));
  router.add("GET", "/apps/{app}/addons/{addon}", ({ params }) => ({
    body: store.read((d) => findAddonOfApp(d, findApp(d, params.app), params.addon)),
  }));
  router.add("POST", "/actions/addons/resolve", ({ body }) => ({
    body: store.read((d) => {
      const key = String(body.addon ?? "");
      return [typeof body.app === "string" ? resolveOnApp(d, findApp(d, body.app), key) : findAddon(d, key)];
    }),
  }));

  router.add("POST", "/apps/{app}/addons", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const planName = planNameOf(body.plan);
      const found = findAddonPlan(planName);
      if (!found) throw new ApiError(422, "invalid_params", `Couldn't find either the add-on service or the add-on plan of "${planName}".`);
      const { service, plan } = found;
      const name = typeof body.name === "string" && body.name ? body.name : `${service.name.replace(/^heroku-/, "")}-${WORDS[randomBytes(1)[0] % WORDS.length]}-${10000 + (randomBytes(2).readUInt16BE() % 90000)}`;
      if (data.addons.some((a) => a.name === name)) throw ApiError.invalidParams(`Name ${name} is already taken.`);
      const now = new Date();
      const addon: AddonRecord = {
        id: randomUUID(),
        name,
        app: { id: app.id, name: app.name },
        addon_service: { id: service.id, name: service.name },
        plan: planRef(service.name, plan.name, plan.monthlyUsd),
        provider_id: `resource${randomBytes(8).toString("hex")}@dynoform.local`,
        config_vars: [],
        provision_message: service.provisionsAsync ? `${service.humanName} is being created and will be available shortly.` : "",
        state: service.provisionsAsync ? "provisioning" : "provisioned",
        billed_price: { cents: plan.monthlyUsd * 100, contract: false, unit: "month" },
        billing_entity: { id: app.id, name: app.name, type: "app" },
        web_url: `https://addons-sso.heroku.com/apps/${app.id}/addons/${name}`,
        actions: [],
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      data.addons.push(addon);
      const requested = (body.attachment as { name?: string } | undefined)?.name;
      const attachment = newAttachment(data, addon, app, requested ?? defaultAttachmentName(data, app, service.name), null);
      addon.config_vars = varNames(addon, attachment.name);
      if (service.provisionsAsync) data.pending.addons[addon.id] = new Date(now.getTime() + provisionMs).toISOString();
      else finishProvisioning(data, addon);
      return { status: 201, body: addon };
    }),
  );
  router.add("PATCH", "/apps/{app}/addons/{addon}", ({ params, body }) =>
    store.mutate((data) => {
      const addon = findAddonOfApp(data, findApp(data, params.app), params.addon);
      if (body.plan !== undefined) {
        const planName = planNameOf(body.plan);
        const found = findAddonPlan(planName.includes(":") ? planName : `${addon.addon_service.name}:${planName}`);
        if (!found || found.service.name !== addon.addon_service.name) {
          throw new ApiError(422, "invalid_params", `Couldn't find either the add-on service or the add-on plan of "${planName}".`);
        }
        addon.plan = planRef(found.service.name, found.plan.name, found.plan.monthlyUsd);
        addon.billed_price = { ...addon.billed_price, cents: found.plan.monthlyUsd * 100 };
      }
      if (typeof body.name === "string" && body.name && body.name !== addon.name) {
        if (data.addons.some((a) => a.name === body.name)) throw ApiError.invalidParams(`Name ${body.name} is already taken.`);
        addon.name = body.name;
      }
      addon.updated_at = new Date().toISOString();
      return { body: addon };
    }),
  );
  router.add("DELETE", "/apps/{app}/addons/{addon}", ({ params }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const addon = findAddonOfApp(data, app, params.addon);
      if (addon.app.id !== app.id) throw new ApiError(422, "invalid_params", `${addon.name} is attached to ${app.name} but owned by ${addon.app.name}.`);
      return { body: deprovision(data, addon) };
    }),
  );

  router.add("GET", "/addon-attachments", () => ({ body: store.read((d) => d.attachments) }));
  router.add("GET", "/apps/{app}/addon-attachments", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "attachments")) }));
  router.add("GET", "/addons/{addon}/addon-attachments", ({ params }) => ({
    body: store.read((d) => {
      const addon = findAddon(d, params.addon);
      return d.attachments.filter((a) => a.addon.id === addon.id);
    }),
  }));
  router.add("GET", "/addon-attachments/{attachment}", ({ params }) => ({
    body: store.read((d) => {
      const found = d.attachments.find((a) => a.id === params.attachment);
      if (!found) throw ApiError.notFound("add_on_attachment");
      return found;
    }),
  }));
  router.add("POST", "/addon-attachments", ({ body }) =>
    store.mutate((data) => {
      const addon = findAddon(data, String(body.addon ?? ""));
      const app = findApp(data, String(body.app ?? ""));
      const name = typeof body.name === "string" && body.name ? body.name : defaultAttachmentName(data, app, addon.addon_service.name);
      const attachment = newAttachment(data, addon, app, name, typeof body.namespace === "string" ? body.namespace : null);
      if (addon.state === "provisioned") {
        const source = data.attachments.find((a) => a.addon.id === addon.id && a.id !== attachment.id);
        const sourceVar = source && varNames(addon, source.name)[0];
        applyAttachment(data, attachment, (sourceVar && data.configVars[source.app.id]?.[sourceVar]) || credentialUrl(addon.addon_service.name));
      }
      return { status: 201, body: attachment };
    }),
  );
  router.add("DELETE", "/addon-attachments/{attachment}", ({ params }) =>
    store.mutate((data) => {
      const found = data.attachments.find((a) => a.id === params.attachment);
      if (!found) throw ApiError.notFound("add_on_attachment");
      removeAttachment(data, found);
      return { body: found };
    }),
  );
}
