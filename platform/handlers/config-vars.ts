import type { JsonStore } from "../persistence/json-store";
import type { PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp } from "./apps";
import { recordRelease } from "./releases";

/** An app's config vars: read all, or patch (a null value removes a key). */
export function configVarRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/config-vars", ({ params }) => ({
    body: store.read((d) => d.configVars[findApp(d, params.app).id]),
  }));
  router.add("PATCH", "/apps/{app}/config-vars", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const vars = data.configVars[app.id];
      const set: string[] = [];
      const removed: string[] = [];
      for (const [key, value] of Object.entries(body)) {
        if (value === null) {
          delete vars[key];
          removed.push(key);
        } else if (typeof value === "string") {
          vars[key] = value;
          set.push(key);
        } else throw ApiError.invalidParams(`Config var ${key} must be a string or null`);
      }
      // Heroku describes the release by the keys changed, never by their values.
      const changes = [set.length > 0 ? `Set ${set.join(", ")}` : "", removed.length > 0 ? `Remove ${removed.join(", ")}` : ""];
      // An empty patch (the provider sends one when an app is created without vars) changes nothing: no release.
      if (set.length + removed.length > 0) recordRelease(data, app, `${changes.filter(Boolean).join("; ")} config vars`);
      return { body: vars };
    }),
  );
}
