/**
 * Who and what else touches an app: collaborators, log drains, app
 * webhooks; and the look-ups the CLI makes across apps (app filters).
 */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp, recordsOf, withAppName } from "../state/app-lookup";
import { appView } from "../state/apps";
import { addCollaborator, collaboratorsOf, collaboratorView, findCollaborator, removeCollaborator } from "../state/collaborators";
import { addDrain, findDrain, removeDrain } from "../state/drains";
import type { PlatformData } from "../state/records";
import { addWebhook, findWebhook, removeWebhook, updateWebhook } from "../state/webhooks";

export function collaborationRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/collaborators", ({ params }) => ({ body: store.read((d) => collaboratorsOf(d, findApp(d, params.app))) }));
  router.add("GET", "/apps/{app}/collaborators/{collaborator}", ({ params }) => ({
    body: store.read((d) => collaboratorView(d, findCollaborator(d, findApp(d, params.app), params.collaborator))),
  }));
  router.add("POST", "/apps/{app}/collaborators", ({ params, body }) =>
    store.mutate((data) => ({ status: 201, body: collaboratorView(data, addCollaborator(data, findApp(data, params.app), body)) })),
  );
  router.add("DELETE", "/apps/{app}/collaborators/{collaborator}", ({ params }) =>
    store.mutate((data) => {
      const found = findCollaborator(data, findApp(data, params.app), params.collaborator);
      removeCollaborator(data, found);
      return { body: collaboratorView(data, found) };
    }),
  );

  router.add("GET", "/apps/{app}/log-drains", ({ params }) => ({ body: store.read((d) => recordsOf(d, findApp(d, params.app), "drains").map((x) => withAppName(d, x))) }));
  router.add("GET", "/apps/{app}/log-drains/{drain}", ({ params }) => ({ body: store.read((d) => withAppName(d, findDrain(d, findApp(d, params.app), params.drain))) }));
  router.add("POST", "/apps/{app}/log-drains", ({ params, body }) =>
    store.mutate((data) => ({ status: 201, body: withAppName(data, addDrain(data, findApp(data, params.app), body)) })),
  );
  router.add("DELETE", "/apps/{app}/log-drains/{drain}", ({ params }) =>
    store.mutate((data) => {
      const found = findDrain(data, findApp(data, params.app), params.drain);
      removeDrain(data, found);
      return { body: withAppName(data, found) };
    }),
  );

  router.add("GET", "/apps/{app}/webhooks", ({ params }) => ({ body: store.read((d) => recordsOf(d, findApp(d, params.app), "webhooks").map((x) => withAppName(d, x))) }));
  router.add("GET", "/apps/{app}/webhooks/{webhook}", ({ params }) => ({ body: store.read((d) => withAppName(d, findWebhook(d, findApp(d, params.app), params.webhook))) }));
  router.add("POST", "/apps/{app}/webhooks", ({ params, body }) =>
    store.mutate((data) => ({ status: 201, body: withAppName(data, addWebhook(data, findApp(data, params.app), body)) })),
  );
  router.add("PATCH", "/apps/{app}/webhooks/{webhook}", ({ params, body }) =>
    store.mutate((data) => {
      const webhook = findWebhook(data, findApp(data, params.app), params.webhook);
      updateWebhook(webhook, body);
      return { body: withAppName(data, webhook) };
    }),
  );
  router.add("DELETE", "/apps/{app}/webhooks/{webhook}", ({ params }) =>
    store.mutate((data) => {
      const found = findWebhook(data, findApp(data, params.app), params.webhook);
      removeWebhook(data, found);
      return { body: withAppName(data, found) };
    }),
  );

  // Teams and team apps: handlers/teams.ts.
  router.add("POST", "/filters/apps", ({ body }) => ({
    body: store.read((d) => {
      const given = (body.in as { id?: unknown } | null | undefined)?.id ?? [];
      if (!Array.isArray(given)) throw ApiError.invalidParams("in.id must be a list of app ids");
      const ids = given as unknown[];
      return d.apps.filter((a) => ids.includes(a.id)).map((a) => appView(d, a));
    }),
  }));
}
