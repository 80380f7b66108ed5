/** An app's config vars: read all, or patch (a null value removes a key). */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { findApp } from "../state/app-lookup";
import { patchConfigVars } from "../state/config-vars";
import type { PlatformData } from "../state/records";

export function configVarRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/config-vars", ({ params }) => ({ body: store.read((d) => d.configVars[findApp(d, params.app).id]) }));
  router.add("PATCH", "/apps/{app}/config-vars", ({ params, body }) => store.mutate((data) => ({ body: patchConfigVars(data, findApp(data, params.app), body) })));
}
