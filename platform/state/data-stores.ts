/**
 * Data stores: the database (Heroku Postgres) or Redis behind a data add-on,
 * with the one credential that reaches it. The records are the truth; the
 * servers follow them (platform/services/): a store is made when its add-on
 * provisions, its limits follow the add-on's plan, and once the add-on is gone
 * the store is `removing` until its data is dropped.
 *
 * An add-on's URL is derived from its store alone, so every attachment of it,
 * on every app, carries the same value; a change of credential or of address
 * rewrites them all, each app with its release, as Heroku does.
 */
import { randomBytes } from "node:crypto";
import { findAddonPlan, findAddonService, type DataEngine } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { setAttachmentVars } from "./attachments";
import type { AddonRecord, DataStoreRecord, PlatformData } from "./records";

/** Where a store's server listens. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** What a store's server is to enforce, from its add-on's plan. */
export interface StoreLimits {
  /** Connections its role may hold at once (Heroku Postgres). */
  readonly connections?: number;
  /** Memory its Redis may use before the eviction policy applies, in MB (Heroku Redis). */
  readonly memoryMb?: number;
}

/** A store as the servers are to make it: the record and its plan's limits. */
export interface StoreSpec {
  readonly store: DataStoreRecord;
  readonly limits: StoreLimits;
}

/**
 * The servers behind data stores, as the state layer needs them. A method
 * answers null for a store kept as a record only (its server is not installed).
 */
export interface DataServers {
  /** Makes the store exist as its spec says (idempotent) and tells where it listens. */
  provision(spec: StoreSpec): Promise<Endpoint | null>;
  /** Drops a store's data for good. */
  remove(store: DataStoreRecord): Promise<void>;
  /** Cuts the connections made with the store's credential. */
  disconnect(store: DataStoreRecord): Promise<void>;
}

/** The engine behind an add-on's service, if it is a data service the platform runs. */
export function engineOf(addon: AddonRecord): DataEngine | undefined {
  return findAddonService(addon.addon_service.name)?.engine;
}

/** Lower-case letters and digits, `length` of them, beginning with `prefix`, as Heroku names users and databases (internal helper). */
function generatedName(prefix: string, length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return prefix + [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A new password: 64 hex digits, Heroku Postgres's length. */
function newPassword(): string {
  return randomBytes(32).toString("hex");
}

/** Where a store kept as a record only points: a host that does not resolve, at the engine's usual port. */
export function recordOnlyEndpoint(engine: DataEngine): Endpoint {
  return { host: `${randomBytes(4).toString("hex")}.dynoform.internal`, port: engine === "postgres" ? 5432 : 6379 };
}

/** Whether a store's URL points at no server. */
export function isRecordOnly(store: DataStoreRecord): boolean {
  return store.host.endsWith(".dynoform.internal");
}

/** The store of a data add-on, made when the add-on is created; its server is made when the add-on provisions. */
export function newDataStore(data: PlatformData, addon: AddonRecord, engine: DataEngine, requestedVersion: string | null): DataStoreRecord {
  const now = new Date().toISOString();
  const store: DataStoreRecord = {
    addon: { id: addon.id },
    engine,
    database: engine === "postgres" ? generatedName("d", 13) : "",
    // Redis's user is its `default` ACL user, whose password `requirepass` sets: an empty user name
    // (Heroku writes `redis://:password@…`) is sent as a user by redis-cli 7.0 and refused.
    user: engine === "postgres" ? generatedName("u", 13) : "default",
    password: newPassword(),
    ...recordOnlyEndpoint(engine),
    requested_version: requestedVersion,
    state: "active",
    created_at: now,
    updated_at: now,
  };
  data.dataStores.push(store);
  return store;
}

/** The active store of an add-on, if it has one. */
export function storeOf(data: Readonly<PlatformData>, addon: { id: string }): DataStoreRecord | undefined {
  return data.dataStores.find((s) => s.addon.id === addon.id && s.state === "active");
}

/** The active store of an add-on; an add-on without one is no database (Heroku's data API answers 404). */
export function requireStore(data: Readonly<PlatformData>, addon: AddonRecord): DataStoreRecord {
  const store = storeOf(data, addon);
  if (!store) throw ApiError.notFound("add_on");
  return store;
}

/** The URL an add-on's attachments carry, in Heroku's shapes: `postgres://user:password@host:port/database`, `redis://default:password@host:port`. */
export function storeUrl(store: DataStoreRecord): string {
  const at = `${store.user}:${store.password}@${store.host}:${store.port}`;
  return store.engine === "postgres" ? `postgres://${at}/${store.database}` : `redis://${at}`;
}

/** What the server of a store is to enforce, from its add-on's plan. */
export function storeLimits(data: Readonly<PlatformData>, store: DataStoreRecord): StoreLimits {
  const addon = data.addons.find((a) => a.id === store.addon.id);
  const plan = addon && findAddonPlan(addon.plan.name)?.plan;
  return { connections: plan?.connectionLimit, memoryMb: plan?.memoryMb };
}

/** Every store as the servers are to make it, removing ones included. */
export function storeSpecs(data: Readonly<PlatformData>): StoreSpec[] {
  return data.dataStores.map((store) => ({ store, limits: storeLimits(data, store) }));
}

/** Rewrites a provisioned add-on's URL on every app it is attached to, each with a release (internal helper). */
function republish(data: PlatformData, store: DataStoreRecord): void {
  const addon = data.addons.find((a) => a.id === store.addon.id);
  if (addon?.state !== "provisioned") return;
  setAttachmentVars(data, addon, storeUrl(store));
}

/** Points a store at where its server listens; when that moves the URL, every attachment gets the new one. */
export function pointStoreAt(data: PlatformData, store: DataStoreRecord, endpoint: Endpoint): void {
  if (store.host === endpoint.host && store.port === endpoint.port) return;
  store.host = endpoint.host;
  store.port = endpoint.port;
  store.updated_at = new Date().toISOString();
  republish(data, store);
}

/** A new password for the store's credential; every attached app gets the new URL with a release. The server follows. */
export function rotateCredential(data: PlatformData, store: DataStoreRecord): void {
  store.password = newPassword();
  store.updated_at = new Date().toISOString();
  republish(data, store);
}

/** Marks an add-on's store for removal: its server drops the data, then the record goes. */
export function retireStore(data: PlatformData, addon: { id: string }): void {
  const store = storeOf(data, addon);
  if (!store) return;
  store.state = "removing";
  store.updated_at = new Date().toISOString();
}

/** Forgets a store whose data is gone. */
export function forgetStore(data: PlatformData, removed: DataStoreRecord): void {
  data.dataStores = data.dataStores.filter((s) => !(s.addon.id === removed.addon.id && s.state === "removing"));
}

/**
 * Data add-ons the data file holds without a store (written before stores
 * existed) get one, so that their servers are made on the next start.
 */
export function storesForOlderAddons(data: PlatformData): void {
  for (const addon of data.addons) {
    const engine = engineOf(addon);
    if (engine && addon.state === "provisioned" && !storeOf(data, addon)) republish(data, newDataStore(data, addon, engine, null));
  }
}
