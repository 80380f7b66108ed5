/**
 * Finding apps, and an app's records. Clients name an app by name or id
 * (`/apps/{app}`); records name it by id alone, and answers carry its name
 * as it is now, filled in here.
 */
import { ApiError } from "../protocol/api-error";
import type { AppRecord, NamedRef, PlatformData, Ref } from "./records";

/** An app by name or id, as Heroku accepts both in `/apps/{app}`; 404 `not_found` otherwise. */
export function findApp(data: Readonly<PlatformData>, nameOrId: string): AppRecord {
  const app = data.apps.find((a) => a.id === nameOrId || a.name === nameOrId);
  if (!app) throw ApiError.notFound("app");
  return app;
}

/**
 * The app a record refers to. Deleting an app deletes what refers to it, so
 * a missing app is a broken invariant, not a client's mistake: a plain Error.
 */
export function appOf(data: Readonly<PlatformData>, ref: Ref): AppRecord {
  const app = data.apps.find((a) => a.id === ref.id);
  if (!app) throw new Error(`a record refers to app ${ref.id}, which does not exist`);
  return app;
}

/** An app as answers name it: its id and its current name. */
export function appRef(data: Readonly<PlatformData>, ref: Ref): NamedRef {
  return { id: ref.id, name: appOf(data, ref).name };
}

/** A record of an app as answered: the same, its `app` named. */
export function withAppName<T extends { app: Ref }>(data: Readonly<PlatformData>, record: T): Omit<T, "app"> & { app: NamedRef } {
  return { ...record, app: appRef(data, record.app) };
}

/** The collections whose records each belong to one app. */
type AppOwned = { [K in keyof PlatformData]: PlatformData[K] extends readonly { app: Ref }[] ? K : never }[keyof PlatformData];

/** One app's records of a collection. */
export function recordsOf<K extends AppOwned>(data: Readonly<PlatformData>, app: AppRecord, kind: K): PlatformData[K] {
  return (data[kind] as { app: Ref }[]).filter((x) => x.app.id === app.id) as PlatformData[K];
}

/** A record of an app's collection by id, or by what else identifies it (a hostname, an email); 404 otherwise. */
export function findOf<T extends { id: string; app: Ref }>(list: readonly T[], app: AppRecord, key: string, resource: string, also?: (x: T) => boolean): T {
  const found = list.find((x) => x.app.id === app.id && (x.id === key || (also?.(x) ?? false)));
  if (!found) throw ApiError.notFound(resource);
  return found;
}
