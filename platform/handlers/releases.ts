import { randomUUID } from "node:crypto";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, PlatformData, ReleaseRecord } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp } from "./apps";

/**
 * Records a new current release of an app, as Heroku does for every config
 * var change, add-on change, build and promotion. Version 1 is the app's
 * creation; the slug carries over unless a new one is given.
 */
export function recordRelease(data: PlatformData, app: AppRecord, description: string, slug?: { id: string }): ReleaseRecord {
  const releases = (data.releases[app.id] ??= []);
  const previous = releases[releases.length - 1];
  if (previous) previous.current = false;
  const now = new Date().toISOString();
  const released = slug ?? previous?.slug ?? null;
  const release: ReleaseRecord = {
    id: randomUUID(),
    version: (previous?.version ?? 0) + 1,
    description,
    status: "succeeded",
    current: true,
    app: { id: app.id, name: app.name },
    user: { id: data.account.id, email: data.account.email },
    slug: released,
    addon_plan_names: previous?.addon_plan_names ?? [],
    artifacts: released ? [{ type: "slug", id: released.id }] : [],
    eligible_for_rollback: previous !== undefined,
    output_stream_url: null,
    created_at: now,
    updated_at: now,
  };
  releases.push(release);
  app.released_at = now;
  return release;
}

export function releaseRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/releases", ({ params }) => ({
    body: store.read((d) => d.releases[findApp(d, params.app).id] ?? []),
  }));
  router.add("GET", "/apps/{app}/releases/{release}", ({ params }) => ({
    body: store.read((d) => {
      const release = (d.releases[findApp(d, params.app).id] ?? []).find(
        (r) => r.id === params.release || String(r.version) === params.release,
      );
      if (!release) throw ApiError.notFound("release");
      return release;
    }),
  }));
}
