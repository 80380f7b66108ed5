/**
 * Who and what else touches an app: collaborators, log drains, app
 * webhooks; and the look-ups the CLI makes across apps (teams, app filters).
 */
import { randomUUID } from "node:crypto";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, CollaboratorRecord, PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp, recordsOfApp } from "./apps";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A record of an app's list by id (or, for collaborators, email) (internal helper). */
function findIn<T extends { id: string; app: { id: string } }>(list: readonly T[], app: AppRecord, key: string, resource: string, extra?: (x: T) => boolean): T {
  const found = list.find((x) => x.app.id === app.id && (x.id === key || (extra?.(x) ?? false)));
  if (!found) throw ApiError.notFound(resource);
  return found;
}

function owner(data: Readonly<PlatformData>, app: AppRecord): CollaboratorRecord {
  return {
    id: data.account.id,
    app: { id: app.id, name: app.name },
    user: { id: data.account.id, email: data.account.email, federated: false },
    role: "owner",
    permissions: [],
    created_at: app.created_at,
    updated_at: app.created_at,
  };
}

/** A webhook's url, level and entities, checked; a PATCH checks them merged over the current ones (internal helper). */
function webhookSettings(body: Record<string, unknown>): { url: string; level: string; include: string[] } {
  const url = String(body.url ?? "");
  if (!url.startsWith("https://") && !url.startsWith("http://")) throw ApiError.invalidParams("url must be an http(s) URL.");
  const level = String(body.level);
  if (!["notify", "sync"].includes(level)) throw ApiError.invalidParams("level must be notify or sync.");
  const include = Array.isArray(body.include) ? body.include.map(String) : [];
  if (include.length === 0) throw ApiError.invalidParams("include must name at least one entity.");
  return { url, level, include };
}

export function collaborationRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/collaborators", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      return [owner(d, app), ...d.collaborators.filter((c) => c.app.id === app.id)];
    }),
  }));
  router.add("GET", "/apps/{app}/collaborators/{collaborator}", ({ params }) => ({
    body: store.read((d) => findIn(d.collaborators, findApp(d, params.app), params.collaborator, "collaborator", (c) => c.user.email === params.collaborator)),
  }));
  router.add("POST", "/apps/{app}/collaborators", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const email = String(body.user ?? "");
      if (!EMAIL.test(email)) throw ApiError.invalidParams(`${email || "(empty)"} is not a valid email address.`);
      if (email === data.account.email || data.collaborators.some((c) => c.app.id === app.id && c.user.email === email)) {
        throw ApiError.invalidParams(`${email} is already a collaborator on ${app.name}.`);
      }
      const now = new Date().toISOString();
      const collaborator: CollaboratorRecord = {
        id: randomUUID(),
        app: { id: app.id, name: app.name },
        user: { id: randomUUID(), email, federated: false },
        role: "collaborator",
        permissions: [],
        created_at: now,
        updated_at: now,
      };
      data.collaborators.push(collaborator);
      return { status: 201, body: collaborator };
    }),
  );
  router.add("DELETE", "/apps/{app}/collaborators/{collaborator}", ({ params }) =>
    store.mutate((data) => {
      const found = findIn(data.collaborators, findApp(data, params.app), params.collaborator, "collaborator", (c) => c.user.email === params.collaborator);
      data.collaborators = data.collaborators.filter((c) => c.id !== found.id);
      return { body: found };
    }),
  );

  router.add("GET", "/apps/{app}/log-drains", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "drains")) }));
  router.add("GET", "/apps/{app}/log-drains/{drain}", ({ params }) => ({
    body: store.read((d) => findIn(d.drains, findApp(d, params.app), params.drain, "log_drain", (x) => x.url === params.drain || x.token === params.drain)),
  }));
  router.add("POST", "/apps/{app}/log-drains", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const url = String(body.url ?? "");
      if (!/^(https?|syslog\+tls|syslog):\/\/[^\s]+$/.test(url)) throw ApiError.invalidParams("Url is invalid");
      if (data.drains.some((d) => d.app.id === app.id && d.url === url)) throw ApiError.invalidParams("Url has already been taken");
      const now = new Date().toISOString();
      const drain = { id: randomUUID(), url, token: `d.${randomUUID()}`, addon: null, app: { id: app.id, name: app.name }, created_at: now, updated_at: now };
      data.drains.push(drain);
      return { status: 201, body: drain };
    }),
  );
  router.add("DELETE", "/apps/{app}/log-drains/{drain}", ({ params }) =>
    store.mutate((data) => {
      const found = findIn(data.drains, findApp(data, params.app), params.drain, "log_drain", (x) => x.url === params.drain);
      data.drains = data.drains.filter((d) => d.id !== found.id);
      return { body: found };
    }),
  );

  router.add("GET", "/apps/{app}/webhooks", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "webhooks")) }));
  router.add("GET", "/apps/{app}/webhooks/{webhook}", ({ params }) => ({
    body: store.read((d) => findIn(d.webhooks, findApp(d, params.app), params.webhook, "app_webhook")),
  }));
  router.add("POST", "/apps/{app}/webhooks", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const now = new Date().toISOString();
      const webhook = { id: randomUUID(), app: { id: app.id, name: app.name }, ...webhookSettings(body), created_at: now, updated_at: now };
      data.webhooks.push(webhook);
      return { status: 201, body: webhook };
    }),
  );
  router.add("PATCH", "/apps/{app}/webhooks/{webhook}", ({ params, body }) =>
    store.mutate((data) => {
      const webhook = findIn(data.webhooks, findApp(data, params.app), params.webhook, "app_webhook");
      Object.assign(webhook, webhookSettings({ ...webhook, ...body }));
      webhook.updated_at = new Date().toISOString();
      return { body: webhook };
    }),
  );
  router.add("DELETE", "/apps/{app}/webhooks/{webhook}", ({ params }) =>
    store.mutate((data) => {
      const found = findIn(data.webhooks, findApp(data, params.app), params.webhook, "app_webhook");
      data.webhooks = data.webhooks.filter((w) => w.id !== found.id);
      return { body: found };
    }),
  );

  // A personal account belongs to no team; team apps are not served by the embedded platform.
  router.add("GET", "/teams", () => ({ body: [] }));
  router.add("GET", "/teams/{team}", () => {
    throw ApiError.notFound("team");
  });
  router.add("POST", "/filters/apps", ({ body }) => ({
    body: store.read((d) => {
      const given = (body.in as { id?: unknown } | null | undefined)?.id ?? [];
      if (!Array.isArray(given)) throw ApiError.invalidParams("in.id must be a list of app ids");
      const ids = given as unknown[];
      return d.apps.filter((a) => ids.includes(a.id));
    }),
  }));
}

