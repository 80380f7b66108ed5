/**
 * What each data engine (PostgreSQL, Redis) does for the platform: make a
 * store's data exist as its record says, drop it, cut its connections, stop.
 * The records (state/data-stores.ts) say what should exist; an engine makes it so.
 */
import type { Endpoint, StoreSpec } from "../state/data-stores";
import type { DataStoreRecord } from "../state/records";

export interface EngineServer {
  /** What runs and as whom, in one line (`platform status`). */
  describe(): string;
  /** Makes the store's data, credential and limits be as its spec says (idempotent; starts the server when needed) and tells where it listens. */
  provision(spec: StoreSpec): Promise<Endpoint>;
  /** Drops a store's data and credential for good (a store already gone is fine). */
  remove(store: DataStoreRecord): Promise<void>;
  /** Ends every connection made with the store's credential: after a rotation, the old password reaches nothing. */
  disconnect(store: DataStoreRecord): Promise<void>;
  /** Stops the server(s), keeping the data for the next start. */
  stop(): Promise<void>;
}

/** Why an engine cannot run here, and what to install: shown once at start and by `platform status`. */
export interface MissingEngine {
  readonly missing: string;
}
