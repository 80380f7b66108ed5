/**
 * Releases: Heroku makes one for every config var change, add-on change,
 * build and promotion. Version 1 is the app's creation.
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../protocol/api-error";
import { logApiEvent } from "./app-logs";
import { TEXT_MAX, type AppRecord, type PlatformData, type ReleaseRecord, type Ref } from "./records";

/** A description as kept: one naming thousands of config vars, or a client's novel, is cut to the record's bound (internal helper). */
function clipped(description: string): string {
  return description.length <= TEXT_MAX ? description : `${description.slice(0, TEXT_MAX - 1)}…`;
}

/** Copies the app's config vars for a release, when they differ from those of the release before it (internal helper). */
function keepReleaseConfig(data: PlatformData, app: AppRecord, version: number): void {
  const vars = data.configVars[app.id] ?? {};
  const kept = (data.releaseConfigVars[app.id] ??= []);
  const last = kept[kept.length - 1];
  if (last && sameVars(last.vars, vars)) return;
  kept.push({ version, vars: { ...vars } });
}

function sameVars(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/**
 * The config vars a release had, as `/apps/{app}/releases/{release}/config-vars`
 * answers them (`heroku releases:info`). A release made by a platform older
 * than these copies has none, unless it is the current one.
 */
export function releaseConfigVars(data: Readonly<PlatformData>, app: AppRecord, release: ReleaseRecord): Record<string, string> {
  const kept = (data.releaseConfigVars[app.id] ?? []).filter((entry) => entry.version <= release.version);
  const found = kept[kept.length - 1];
  if (found) return { ...found.vars };
  if (release.current) return { ...(data.configVars[app.id] ?? {}) };
  throw ApiError.notFound("release_config_vars");
}

/** Forgets the config copies of a deleted app's releases. */
export function forgetReleaseConfig(data: PlatformData, app: AppRecord): void {
  delete data.releaseConfigVars[app.id];
}

/** Records a new current release of an app; the slug carries over unless a new one is given. */
export function recordRelease(data: PlatformData, app: AppRecord, description: string, slug?: Ref): ReleaseRecord {
  const releases = (data.releases[app.id] ??= []);
  const previous = releases[releases.length - 1];
  if (previous) previous.current = false;
  const now = new Date().toISOString();
  const released = slug ?? previous?.slug ?? null;
  const release: ReleaseRecord = {
    id: randomUUID(),
    version: (previous?.version ?? 0) + 1,
    description: clipped(description),
    status: "succeeded",
    current: true,
    app: { id: app.id },
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
  keepReleaseConfig(data, app, release.version);
  // The app's log tells what made the release, then the release, as Heroku's API writes them.
  logApiEvent(app.id, release.description, data.account.email);
  logApiEvent(app.id, `Release v${release.version} created`, data.account.email);
  return release;
}

export function releasesOf(data: Readonly<PlatformData>, app: AppRecord): readonly ReleaseRecord[] {
  return data.releases[app.id] ?? [];
}

export function currentRelease(data: Readonly<PlatformData>, app: AppRecord): ReleaseRecord | undefined {
  return releasesOf(data, app).find((r) => r.current);
}

/** A release of an app by id or version number, as `/apps/{app}/releases/{release}` takes either. */
export function findRelease(data: Readonly<PlatformData>, app: AppRecord, key: string): ReleaseRecord {
  const release = releasesOf(data, app).find((r) => r.id === key || String(r.version) === key);
  if (!release) throw ApiError.notFound("release");
  return release;
}
