/** An app's formation, scaled one process type or a batch at a time, and the dynos it runs. */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp, recordsOf, withAppName } from "../state/app-lookup";
import { dynosOf, findFormation, scale } from "../state/formation";
import type { PlatformData } from "../state/records";

export function formationRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/formation", ({ params }) => ({
    body: store.read((d) => recordsOf(d, findApp(d, params.app), "formation").map((f) => withAppName(d, f))),
  }));
  router.add("GET", "/apps/{app}/formation/{type}", ({ params }) => ({
    body: store.read((d) => withAppName(d, findFormation(d, findApp(d, params.app), params.type))),
  }));
  router.add("PATCH", "/apps/{app}/formation/{type}", ({ params, body }) =>
    store.mutate((data) => ({ body: withAppName(data, scale(data, findApp(data, params.app), params.type, body)) })),
  );
  router.add("PATCH", "/apps/{app}/formation", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const updates = Array.isArray(body.updates) ? (body.updates as unknown[]) : [];
      if (updates.length === 0) throw ApiError.invalidParams("updates is required");
      if (updates.some((u) => typeof u !== "object" || u === null || Array.isArray(u))) throw ApiError.invalidParams("updates must be objects: [{\"type\": \"web\", \"quantity\": 1}]");
      return { body: (updates as Record<string, unknown>[]).map((u) => withAppName(data, scale(data, app, String(u.type ?? ""), u))) };
    }),
  );
  router.add("GET", "/apps/{app}/dynos", ({ params }) => ({ body: store.read((d) => dynosOf(d, findApp(d, params.app))) }));
}
