/** An app's formation, scaled one process type or a batch at a time, and the dynos it runs. */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp, recordsOf } from "../state/app-lookup";
import { dynosOf, findFormation, formationView, logScale, restartDynos, scale } from "../state/formation";
import type { PlatformData } from "../state/records";

export function formationRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/formation", ({ params }) => ({
    body: store.read((d) => recordsOf(d, findApp(d, params.app), "formation").map((f) => formationView(d, f))),
  }));
  router.add("GET", "/apps/{app}/formation/{type}", ({ params }) => ({
    body: store.read((d) => formationView(d, findFormation(d, findApp(d, params.app), params.type))),
  }));
  router.add("PATCH", "/apps/{app}/formation/{type}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const formation = scale(data, app, params.type, body);
      logScale(data, app);
      return { body: formationView(data, formation) };
    }),
  );
  router.add("PATCH", "/apps/{app}/formation", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const updates = Array.isArray(body.updates) ? (body.updates as unknown[]) : [];
      if (updates.length === 0) throw ApiError.invalidParams("updates is required");
      if (updates.some((u) => typeof u !== "object" || u === null || Array.isArray(u))) throw ApiError.invalidParams("updates must be objects: [{\"type\": \"web\", \"quantity\": 1}]");
      const scaled = (updates as Record<string, unknown>[]).map((u) => scale(data, app, String(u.type ?? ""), u));
      logScale(data, app);
      return { body: scaled.map((f) => formationView(data, f)) };
    }),
  );
  router.add("GET", "/apps/{app}/dynos", ({ params }) => ({ body: store.read((d) => dynosOf(d, findApp(d, params.app))) }));
  // Restarts change no record: the dynos come back up at once, and say so in the app's log.
  router.add("DELETE", "/apps/{app}/dynos", ({ params }) => {
    store.read((d) => restartDynos(d, findApp(d, params.app)));
    return { status: 202, body: {} };
  });
  router.add("DELETE", "/apps/{app}/dynos/{dyno}", ({ params }) => {
    store.read((d) => restartDynos(d, findApp(d, params.app), { dyno: params.dyno }));
    return { status: 202, body: {} };
  });
  router.add("DELETE", "/apps/{app}/formations/{type}", ({ params }) => {
    store.read((d) => restartDynos(d, findApp(d, params.app), { type: params.type }));
    return { status: 202, body: {} };
  });
}
