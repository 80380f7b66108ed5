/**
 * Heroku's data API, which the CLI's `pg:*` and `redis:*` commands call on
 * `HEROKU_DATA_HOST` (here, the platform itself): a database's info, its
 * default credential and its rotation, `pg:reset`; a Redis's info and its
 * credential rotation. Answers are read off the running servers. A store kept
 * as a record only (its server is not installed) says so instead.
 */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findAddon } from "../state/addon-lookup";
import { isRecordOnly, requireStore, rotateCredential, storeUrl } from "../state/data-stores";
import type { AddonRecord, DataStoreRecord, PlatformData } from "../state/records";
import type { LocalDataServers } from "../services/data-servers";
import { postgresInfo } from "../services/postgres-info";

/** "heroku-postgresql:essential-0" → "Essential 0", as Heroku names plans in these answers (internal helper). */
function planWords(addon: AddonRecord): string {
  const plan = addon.plan.name.split(":")[1] ?? addon.plan.name;
  return plan.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? " " : "") + c.toUpperCase());
}

/** "2024-01-01 00:00", as the data API dates things (internal helper). */
function created(store: DataStoreRecord): string {
  return store.created_at.slice(0, 16).replace("T", " ");
}

/** The refusal of work a server must do for a store kept as a record only, in the words the platform said it at start (internal helper). */
function recordOnly(servers: LocalDataServers, store: DataStoreRecord): ApiError {
  const why = servers.missing.find((line) => line.toLowerCase().includes(store.engine)) ?? `This add-on is kept as a record only: its ${store.engine} server is not running`;
  return new ApiError(422, "unavailable", why);
}

export function dataApiRoutes(router: Router, store: JsonStore<PlatformData>, servers: LocalDataServers): void {
  const lookup = (key: string) => store.read((d) => {
    const addon = findAddon(d, key);
    return { addon, dataStore: requireStore(d, addon) };
  });

  router.add("GET", "/client/v11/databases/{addon}", async ({ params }) => {
    const { addon, dataStore } = lookup(params.addon);
    const rows = isRecordOnly(dataStore) || !servers.postgres ? [{ name: "Status", values: [recordOnly(servers, dataStore).message] }] : await postgresInfo(servers.postgres, dataStore, addon);
    return {
      body: {
        addon_id: addon.id,
        name: addon.name,
        plan: addon.plan.name.split(":")[1],
        resource_url: storeUrl(dataStore),
        info: [{ name: "Plan", values: [planWords(addon)] }, ...rows, { name: "Created", values: [created(dataStore)] }],
      },
    };
  });

  router.add("PUT", "/client/v11/databases/{addon}/reset", async ({ params }) => {
    const { dataStore } = lookup(params.addon);
    if (isRecordOnly(dataStore) || !servers.postgres) throw recordOnly(servers, dataStore);
    await servers.postgres.reset(dataStore);
    return { body: { message: "Database reset." } };
  });

  router.add("GET", "/postgres/v0/databases/{addon}/credentials/{credential}", ({ params }) => {
    const { dataStore } = lookup(params.addon);
    // Each add-on has the one credential Heroku calls `default`.
    if (params.credential !== "default") throw ApiError.notFound("credential");
    return {
      body: {
        name: "default",
        state: "active",
        database: dataStore.database,
        host: dataStore.host,
        port: dataStore.port,
        credentials: [{ user: dataStore.user, password: dataStore.password, state: "active", connections: null }],
      },
    };
  });

  // A rotation changes the record and every attached app's URL (each with a release); the server
  // follows before the answer (the platform's afterEach): new password set, old connections cut.
  const rotate = (key: string) =>
    store.mutate((d) => {
      const addon = findAddon(d, key);
      rotateCredential(d, requireStore(d, addon));
      return { body: { message: `Rotated the credential of ${addon.name}.` } };
    });
  router.add("POST", "/postgres/v0/databases/{addon}/credentials/{credential}/credentials_rotation", ({ params }) => {
    if (params.credential !== "default") throw ApiError.notFound("credential");
    return rotate(params.addon);
  });
  router.add("POST", "/postgres/v0/databases/{addon}/credentials_rotation", ({ params }) => rotate(params.addon));
  router.add("POST", "/redis/v0/databases/{addon}/credentials_rotation", ({ params }) => rotate(params.addon));

  router.add("GET", "/redis/v0/databases/{addon}", async ({ params }) => {
    const { addon, dataStore } = lookup(params.addon);
    const live = isRecordOnly(dataStore) || !servers.redis ? undefined : await servers.redis.info(dataStore);
    const rows = live
      ? [
          { name: "Status", values: ["available"] },
          { name: "Version", values: [live.redis_version] },
          { name: "Maxmemory", values: [live.maxmemory_policy] },
        ]
      : [{ name: "Status", values: [recordOnly(servers, dataStore).message] }];
    return {
      body: {
        addon_id: addon.id,
        name: addon.name,
        plan: addon.plan.name.split(":")[1],
        // The URL names the plain port; TLS listens on the next one, where the CLI's redis:cli connects.
        prefer_native_tls: false,
        resource_url: storeUrl(dataStore),
        info: [{ name: "Plan", values: [planWords(addon)] }, ...rows, { name: "Created", values: [created(dataStore)] }],
      },
    };
  });
}
