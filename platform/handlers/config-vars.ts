import type { JsonStore } from "../persistence/json-store";
import type { PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp } from "./apps";

/** An app's config vars: read all, or patch (a null value removes a key). */
export function configVarRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/config-vars", ({ params }) => ({
    body: store.read((d) => d.configVars[findApp(d, params.app).id]),
  }));
  router.add("PATCH", "/apps/{app}/config-vars", ({ params, body }) =>
    store.mutate((data) => {
      const vars = data.configVars[findApp(data, params.app).id];
      for (const [key, value] of Object.entries(body)) {
        if (value === null) delete vars[key];
        else if (typeof value === "string") vars[key] = value;
        else throw ApiError.invalidParams(`Config var ${key} must be a string or null`);
      }
      return { body: vars };
    }),
  );
}
