/** An app's features (preboot and the like) and its buildpack installations. */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp } from "../state/app-lookup";
import { buildpackUpdates, installationsOf, setBuildpacks } from "../state/buildpacks";
import { featuresOf, featureView, findFeature, setFeature } from "../state/features";
import type { PlatformData } from "../state/records";
import { parseBody } from "../state/request-shapes";

export function appSettingRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/features", ({ params }) => ({ body: store.read((d) => featuresOf(d, findApp(d, params.app))) }));
  router.add("GET", "/apps/{app}/features/{feature}", ({ params }) => ({
    body: store.read((d) => featureView(d, findApp(d, params.app), findFeature(params.feature))),
  }));
  router.add("PATCH", "/apps/{app}/features/{feature}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const name = findFeature(params.feature);
      if (typeof body.enabled !== "boolean") throw ApiError.invalidParams("enabled must be true or false");
      setFeature(data, app, name, body.enabled);
      return { body: featureView(data, app, name) };
    }),
  );

  router.add("GET", "/apps/{app}/buildpack-installations", ({ params }) => ({ body: store.read((d) => installationsOf(d, findApp(d, params.app))) }));
  router.add("PUT", "/apps/{app}/buildpack-installations", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const updates = Array.isArray(body.updates) ? (body.updates as ({ buildpack?: unknown } | null)[]) : undefined;
      if (!updates || updates.some((u) => typeof u?.buildpack !== "string" || u.buildpack === "")) {
        throw ApiError.invalidParams("updates must list buildpacks: [{\"buildpack\": \"heroku/python\"}]");
      }
      setBuildpacks(data, app, parseBody(buildpackUpdates, body).updates.map((u) => u.buildpack));
      return { body: installationsOf(data, app) };
    }),
  );
}
