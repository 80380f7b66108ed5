/**
 * The embedded Heroku-compatible platform: `startPlatform()` serves the
 * Platform API v3 on loopback from a data directory. First start creates the
 * account and its API key, kept in `credentials.json` (mode 0600).
 */
import { existsSync, mkdirSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { writeFileAtomic } from "../lib/atomic-file";
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_PORT } from "./default-port";
import { accountRoutes } from "./handlers/account";
import { addonRoutes } from "./handlers/addons";
import { appSettingRoutes } from "./handlers/app-settings";
import { appRoutes, CEDAR } from "./handlers/apps";
import { buildRoutes, type BuildContext } from "./handlers/builds";
import { serveBuildpackRegistry } from "./handlers/buildpack-registry";
import { collaborationRoutes } from "./handlers/collaboration";
import { configVarRoutes } from "./handlers/config-vars";
import { domainRoutes } from "./handlers/domains";
import { formationRoutes, sized } from "./handlers/formation";
import { pipelineRoutes } from "./handlers/pipelines";
import { releaseRoutes } from "./handlers/releases";
import type { AccountRecord, PlatformData } from "./model";
import { BlobStore } from "./persistence/blob-store";
import { lockDataDir } from "./persistence/data-dir-lock";
import { CorruptDataError, JsonStore, readJsonObject } from "./persistence/json-store";
import { createApiServer } from "./protocol/http-server";
import { FaultInjector, type FaultOptions } from "./protocol/faults";
import { TokenBucket } from "./protocol/rate-limit";
import { Router } from "./protocol/router";
import { settle } from "./settle";

export interface PlatformOptions {
  readonly dataDir: string;
  /** @default 4510; 0 picks a free port */
  readonly port?: number;
  /** Requests an hour the account may make. @default 4500, as Heroku */
  readonly rateLimitPerHour?: number;
  /** How many requests may come at once before the hourly rate applies. @default rateLimitPerHour */
  readonly rateLimitBurst?: number;
  /** How long asynchronous work stays pending, in ms. @default builds 300, add-on provisioning 1000, promotions 300 */
  readonly delays?: { readonly buildMs?: number; readonly provisionMs?: number; readonly promotionMs?: number };
  /** Receives one line per API request: method, path, status, time; never bodies or headers. @default no log */
  readonly log?: (line: string) => void;
  /** Failures to inject into API requests, for tests and benchmarks. @default none */
  readonly faults?: FaultOptions;
}

export { DEFAULT_PORT } from "./default-port";

export interface RunningPlatform {
  readonly url: string;
  readonly apiKey: string;
  close(): Promise<void>;
}

interface Credentials {
  apiKey: string;
  email: string;
}

/** The account's key, created on first start (internal helper). */
function credentials(dataDir: string): Credentials {
  const file = join(dataDir, "credentials.json");
  if (existsSync(file)) {
    const stored = readJsonObject(file);
    if (typeof stored.apiKey !== "string" || stored.apiKey === "") throw new CorruptDataError(file, "it holds no apiKey");
    return stored as unknown as Credentials;
  }
  const created = { apiKey: randomBytes(24).toString("hex"), email: "developer@dynoform.local" };
  writeFileAtomic(file, JSON.stringify(created, null, 2) + "\n", 0o600);
  return created;
}

function emptyData(email: string): PlatformData {
  const now = new Date().toISOString();
  const account: AccountRecord = { id: randomUUID(), email, name: "dynoform developer", created_at: now, updated_at: now };
  return {
    account,
    apps: [],
    configVars: {},
    releases: {},
    slugs: [],
    builds: [],
    formation: [],
    addons: [],
    attachments: [],
    domains: [],
    sniEndpoints: [],
    features: {},
    buildpacks: {},
    pipelines: [],
    couplings: [],
    promotions: [],
    promotionTargets: [],
    pipelineConfigVars: {},
    drains: [],
    webhooks: [],
    collaborators: [],
    pending: { builds: {}, addons: {}, promotions: {} },
  };
}

/** Refuses data whose collections are not what the platform keeps there, naming the file (internal helper). */
function checkShape(file: string, data: Readonly<Record<string, unknown>>): void {
  for (const [key, empty] of Object.entries(emptyData(""))) {
    const value = data[key];
    if (value === undefined) continue; // added since that file was written
    if (typeof value !== "object" || value === null || Array.isArray(value) !== Array.isArray(empty)) {
      throw new CorruptDataError(file, `its "${key}" is not ${Array.isArray(empty) ? "a list" : "an object"}`);
    }
  }
}

/** Brings records an older platform wrote to the shapes heroku-go decodes (internal helper). */
function upgrade(data: PlatformData): void {
  // The generation was a bare string, and formations had no `dyno_size`.
  for (const app of data.apps) if (typeof app.generation === "string") app.generation = { ...CEDAR };
  for (const formation of data.formation) formation.dyno_size ??= sized(formation.size).dyno_size;
}

/** A build's output stream: public, like Heroku's, and plain text (internal helper). */
async function serveBuildOutput(req: IncomingMessage, res: ServerResponse, builds: BuildContext): Promise<boolean> {
  const id = /^\/build-output\/([0-9a-f-]{36})$/.exec(new URL(req.url ?? "/", "http://platform").pathname)?.[1];
  if (!id || req.method !== "GET") return false;
  settle(builds.store, builds);
  const log = builds.logs.get(id);
  res.writeHead(log === undefined ? 404 : 200, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(log ?? "no output for this build\n");
  return true;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(options.dataDir);
  try {
    return await serve(options, unlock);
  } catch (error) {
    // A start that fails (corrupt data, a taken port) must not leave the data dir locked.
    unlock();
    throw error;
  }
}

async function serve(options: PlatformOptions, unlock: () => void): Promise<RunningPlatform> {
  const { apiKey, email } = credentials(options.dataDir);
  const dataFile = join(options.dataDir, "platform.json");
  const store = new JsonStore<PlatformData>(dataFile, () => emptyData(email));
  store.read((data) => checkShape(dataFile, data as unknown as Record<string, unknown>));
  // Data written by an older platform lacks the collections added since: they start empty.
  store.mutate((data) => Object.assign(data, { ...emptyData(email), ...data, pending: { ...emptyData(email).pending, ...data.pending } }));
  store.mutate(upgrade);
  let baseUrl = "";
  const blobs = new BlobStore(options.dataDir, apiKey);
  const builds: BuildContext = { store, blobs, baseUrl: () => baseUrl, buildMs: options.delays?.buildMs ?? 300, logs: new Map() };
  const router = new Router();
  accountRoutes(router, store);
  appRoutes(router, store);
  configVarRoutes(router, store);
  releaseRoutes(router, store);
  buildRoutes(router, builds);
  formationRoutes(router, store);
  addonRoutes(router, store, options.delays?.provisionMs ?? 1000);
  domainRoutes(router, store);
  appSettingRoutes(router, store);
  pipelineRoutes(router, store, options.delays?.promotionMs ?? 300);
  collaborationRoutes(router, store);
  const perHour = options.rateLimitPerHour ?? 4500;
  const server = createApiServer({
    apiKey,
    router,
    rateLimit: new TokenBucket(options.rateLimitBurst ?? perHour, perHour),
    unauthenticated: async (req, res) => (await blobs.handle(req, res)) || serveBuildpackRegistry(req, res) || serveBuildOutput(req, res, builds),
    beforeEach: () => settle(store, builds),
    faults: options.faults && new FaultInjector(options.faults),
    log: options.log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the platform holds credentials and is never meant to be reachable from a network.
    server.listen(options.port ?? DEFAULT_PORT, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    apiKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          unlock();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
