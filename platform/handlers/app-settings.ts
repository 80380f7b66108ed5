/**
 * An app's features (preboot and the like) and its buildpack installations.
 * Feature ids are stable per name, as on Heroku, so ids and names both work.
 */
import { buildpackName, APP_FEATURES, findAppFeature } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { stableId } from "../stable-id";
import { findApp } from "./apps";

const EPOCH = "2024-01-01T00:00:00Z";

function featureOf(data: Readonly<PlatformData>, app: AppRecord, name: string) {
  const enabled = (data.features[app.id] ?? []).includes(name);
  return {
    id: stableId("feature", name),
    name,
    description: `${name} for ${app.name}`,
    doc_url: `https://devcenter.heroku.com/articles/${name}`,
    enabled,
    state: "general",
    display_name: name,
    feedback_email: "",
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

function findFeature(key: string): string {
  const feature = APP_FEATURES.find((f) => f.name === key || stableId("feature", f.name) === key);
  if (!feature) throw ApiError.notFound("feature");
  return feature.name;
}

/** Buildpack names as Heroku's buildpack-installation records, first one first (internal helper). */
function installations(names: readonly string[]) {
  return names.map((name, ordinal) => ({ ordinal, buildpack: { name, url: name } }));
}

export function appSettingRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/features", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      return APP_FEATURES.map((f) => featureOf(d, app, f.name));
    }),
  }));
  router.add("GET", "/apps/{app}/features/{feature}", ({ params }) => ({
    body: store.read((d) => featureOf(d, findApp(d, params.app), findFeature(params.feature))),
  }));
  router.add("PATCH", "/apps/{app}/features/{feature}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const name = findFeature(params.feature);
      if (typeof body.enabled !== "boolean") throw ApiError.invalidParams("enabled must be true or false");
      const current = new Set(data.features[app.id] ?? []);
      if (body.enabled) {
        const needsPaid = findAppFeature(name)?.needsPaidDynos;
        const small = data.formation.find((f) => f.app.id === app.id && f.quantity > 0 && ["eco", "basic"].includes(f.size));
        if (needsPaid && small) throw ApiError.invalidParams(`${name} is only available on Standard and Performance dynos.`);
        current.add(name);
      } else current.delete(name);
      data.features[app.id] = [...current];
      return { body: featureOf(data, app, name) };
    }),
  );

  router.add("GET", "/apps/{app}/buildpack-installations", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      return installations(d.buildpacks[app.id] ?? []);
    }),
  }));
  router.add("PUT", "/apps/{app}/buildpack-installations", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const updates = Array.isArray(body.updates) ? (body.updates as ({ buildpack?: unknown } | null)[]) : undefined;
      if (!updates || updates.some((u) => typeof u?.buildpack !== "string" || u.buildpack === "")) {
        throw ApiError.invalidParams("updates must list buildpacks: [{\"buildpack\": \"heroku/python\"}]");
      }
      // The CLI installs registry buildpacks by archive URL; Heroku lists them by name again.
      data.buildpacks[app.id] = updates.map((u) => buildpackName(u?.buildpack as string));
      return { body: installations(data.buildpacks[app.id]) };
    }),
  );
}
