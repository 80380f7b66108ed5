/** Add-ons and their attachments, across the account and on one app. */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { addonsOf, findAddon, resolveOnApp } from "../state/addon-lookup";
import { planOf, plansOf } from "../state/addon-plans";
import { addonNames, addonView, createAddon, removeAddonOfApp, updateAddon } from "../state/addons";
import { findApp, recordsOf } from "../state/app-lookup";
import { attach, attachmentNames, attachmentView, detach, findAttachment, resolveAttachments } from "../state/attachments";
import type { PlatformData } from "../state/records";
import { parseBody } from "../state/request-shapes";

/** A plan as clients send it: a name (heroku-go) or `{name}` / `{id}` (the official CLI) (internal helper). */
function planNameOf(plan: unknown): string {
  if (plan && typeof plan === "object") {
    const { name, id } = plan as { name?: unknown; id?: unknown };
    return String(name ?? id ?? "");
  }
  return String(plan ?? "");
}

/** The Postgres version asked for in an add-on's config (`{"version": "16"}`), if any (internal helper). */
function versionOf(config: unknown): string | undefined {
  const version = config && typeof config === "object" ? (config as { version?: unknown }).version : undefined;
  return typeof version === "string" && version !== "" ? version.slice(0, 16) : undefined;
}

/** A name given, or nothing: heroku-go sends "" for a name left out (internal helper). */
function given(value: string | null | undefined): string | undefined {
  return value || undefined;
}

export function addonRoutes(router: Router, store: JsonStore<PlatformData>, provisionMs: number): void {
  router.add("GET", "/addons", () => ({ body: store.read((d) => d.addons.map((a) => addonView(d, a))) }));
  router.add("GET", "/addons/{addon}", ({ params }) => ({ body: store.read((d) => addonView(d, findAddon(d, params.addon))) }));
  router.add("GET", "/apps/{app}/addons", ({ params }) => ({ body: store.read((d) => addonsOf(d, findApp(d, params.app)).map((a) => addonView(d, a))) }));
  // On an app, an add-on is also found by its service or plan when only one has it (`DELETE …/addons/scheduler`), as on Heroku.
  router.add("GET", "/apps/{app}/addons/{addon}", ({ params }) => ({
    body: store.read((d) => addonView(d, resolveOnApp(d, findApp(d, params.app), params.addon))),
  }));
  // The catalogue: what `heroku addons:plans SERVICE` lists.
  router.add("GET", "/addon-services/{service}/plans", ({ params }) => ({ body: plansOf(params.service) }));
  router.add("GET", "/addon-services/{service}/plans/{plan}", ({ params }) => ({ body: planOf(params.service, params.plan) }));
  router.add("POST", "/actions/addons/resolve", ({ body }) => ({
    body: store.read((d) => {
      const key = String(body.addon ?? "");
      return [addonView(d, typeof body.app === "string" ? resolveOnApp(d, findApp(d, body.app), key) : findAddon(d, key))];
    }),
  }));

  router.add("POST", "/apps/{app}/addons", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const names = parseBody(addonNames, body);
      const request = { plan: planNameOf(body.plan), name: given(names.name), attachmentName: given(names.attachment?.name), version: versionOf(body.config) };
      return { status: 201, body: addonView(data, createAddon(data, app, request, provisionMs)) };
    }),
  );
  router.add("PATCH", "/apps/{app}/addons/{addon}", ({ params, body }) =>
    store.mutate((data) => {
      const addon = resolveOnApp(data, findApp(data, params.app), params.addon);
      updateAddon(data, addon, { plan: body.plan === undefined ? undefined : planNameOf(body.plan), name: given(parseBody(addonNames, body).name) });
      return { body: addonView(data, addon) };
    }),
  );
  router.add("DELETE", "/apps/{app}/addons/{addon}", ({ params }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      return { body: addonView(data, removeAddonOfApp(data, app, resolveOnApp(data, app, params.addon))) };
    }),
  );

  router.add("POST", "/actions/addon-attachments/resolve", ({ body }) => ({
    body: store.read((d) => resolveAttachments(d, findApp(d, String(body.app ?? "")), String(body.addon_attachment ?? "")).map((a) => attachmentView(d, a))),
  }));
  router.add("GET", "/addon-attachments", () => ({ body: store.read((d) => d.attachments.map((a) => attachmentView(d, a))) }));
  router.add("GET", "/apps/{app}/addon-attachments", ({ params }) => ({
    body: store.read((d) => recordsOf(d, findApp(d, params.app), "attachments").map((a) => attachmentView(d, a))),
  }));
  router.add("GET", "/addons/{addon}/addon-attachments", ({ params }) => ({
    body: store.read((d) => {
      const addon = findAddon(d, params.addon);
      return d.attachments.filter((a) => a.addon.id === addon.id).map((a) => attachmentView(d, a));
    }),
  }));
  router.add("GET", "/addon-attachments/{attachment}", ({ params }) => ({ body: store.read((d) => attachmentView(d, findAttachment(d, params.attachment))) }));
  router.add("POST", "/addon-attachments", ({ body }) =>
    store.mutate((data) => {
      const addon = findAddon(data, String(body.addon ?? ""));
      const app = findApp(data, String(body.app ?? ""));
      const names = parseBody(attachmentNames, body);
      const attachment = attach(data, addon, app, given(names.name), names.namespace ?? null);
      return { status: 201, body: attachmentView(data, attachment) };
    }),
  );
  router.add("DELETE", "/addon-attachments/{attachment}", ({ params }) =>
    store.mutate((data) => {
      const attachment = findAttachment(data, params.attachment);
      detach(data, attachment);
      return { body: attachmentView(data, attachment) };
    }),
  );
}
