/** An app's releases, and releasing a slug on it. */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { findApp, withAppName } from "../state/app-lookup";
import { releaseSlug } from "../state/builds";
import type { PlatformData } from "../state/records";
import { findRelease, releaseConfigVars, releasesOf } from "../state/releases";

export function releaseRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/releases", ({ params }) => ({
    body: store.read((d) => releasesOf(d, findApp(d, params.app)).map((r) => withAppName(d, r))),
  }));
  router.add("GET", "/apps/{app}/releases/{release}", ({ params }) => ({
    body: store.read((d) => withAppName(d, findRelease(d, findApp(d, params.app), params.release))),
  }));
  router.add("GET", "/apps/{app}/releases/{release}/config-vars", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      return releaseConfigVars(d, app, findRelease(d, app, params.release));
    }),
  }));
  router.add("POST", "/apps/{app}/releases", ({ params, body }) =>
    store.mutate((data) => {
      const release = releaseSlug(data, findApp(data, params.app), body.slug, typeof body.description === "string" ? body.description : undefined);
      return { status: 201, body: withAppName(data, release) };
    }),
  );
}
