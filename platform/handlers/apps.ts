/** Apps: list, find by name or id, create, rename or change, delete (with all that hangs on them). */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp } from "../state/app-lookup";
import { forgetLogs } from "../state/app-logs";
import { appView, createApp, updateApp } from "../state/apps";
import { deleteApp } from "../state/delete-app";
import { forgetReleaseConfig } from "../state/releases";
import type { PlatformData } from "../state/records";

function stringField(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw ApiError.invalidParams(`${field} must be a string`);
  return value;
}

export function appRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps", () => ({ body: store.read((d) => d.apps.map((a) => appView(d, a))) }));
  router.add("GET", "/users/{user}/apps", () => ({ body: store.read((d) => d.apps.map((a) => appView(d, a))) }));
  router.add("GET", "/apps/{app}", ({ params }) => ({ body: store.read((d) => appView(d, findApp(d, params.app))) }));

  router.add("POST", "/apps", ({ body }) =>
    store.mutate((data) => {
      const app = createApp(data, { name: stringField(body, "name"), region: stringField(body, "region"), stack: stringField(body, "stack") });
      return { status: 201, body: appView(data, app) };
    }),
  );

  router.add("PATCH", "/apps/{app}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      if (body.maintenance !== undefined && typeof body.maintenance !== "boolean") throw ApiError.invalidParams("maintenance must be true or false");
      updateApp(data, app, { name: stringField(body, "name"), buildStack: stringField(body, "build_stack"), maintenance: body.maintenance });
      return { body: appView(data, app) };
    }),
  );

  router.add("DELETE", "/apps/{app}", ({ params }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      deleteApp(data, app);
      forgetReleaseConfig(data, app);
      forgetLogs(app.id);
      return { body: appView(data, app) };
    }),
  );
}
