/**
 * The embedded Heroku-compatible platform: `startPlatform()` serves the
 * Platform API v3 on loopback from a data directory. First start creates the
 * account and its API key, kept in `credentials.json` (mode 0600).
 */
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { writeFileAtomic } from "../lib/atomic-file";
import { makePrivateFolder } from "../lib/private-folder";
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_PLATFORM_PORT } from "../lib/local-paths";
import { accountRoutes } from "./handlers/account";
import { accountFeatureRoutes } from "./handlers/account-features";
import { addonRoutes } from "./handlers/addons";
import { dataApiRoutes } from "./handlers/data-api";
import { appSettingRoutes } from "./handlers/app-settings";
import { appRoutes } from "./handlers/apps";
import { buildRoutes } from "./handlers/builds";
import { serveBuildpackRegistry } from "./handlers/buildpack-registry";
import { collaborationRoutes } from "./handlers/collaboration";
import { configVarRoutes } from "./handlers/config-vars";
import { domainRoutes } from "./handlers/domains";
import { formationRoutes } from "./handlers/formation";
import { LOG_STREAM_PATH, logRoutes } from "./handlers/logs";
import { pipelineRoutes } from "./handlers/pipelines";
import { releaseRoutes } from "./handlers/releases";
import { reviewAppRoutes } from "./handlers/review-apps";
import { spaceRoutes } from "./handlers/spaces";
import { teamRoutes } from "./handlers/teams";
import { telemetryDrainRoutes } from "./handlers/telemetry-drains";
import { BlobStore } from "./persistence/blob-store";
import { lockDataDir } from "./persistence/data-dir-lock";
import { CorruptDataError, readJsonObject } from "./persistence/json-store";
import type { FailureReport } from "./protocol/failure-log";
import { createApiServer } from "./protocol/http-server";
import { FaultInjector, type FaultOptions } from "./protocol/faults";
import { TokenBucket } from "./protocol/rate-limit";
import { Router } from "./protocol/router";
import { openPlatformData } from "./state/platform-data";
import { settle, settleBuild, type SettleContext } from "./state/settle";
import { storesForOlderAddons } from "./state/data-stores";
import { StoreFollower } from "./state/follow-stores";
import { LocalDataServers } from "./services/data-servers";

export interface PlatformOptions {
  readonly dataDir: string;
  /** @default 4510; 0 picks a free port */
  readonly port?: number;
  /** Requests an hour the account may make. @default 4500, as Heroku */
  readonly rateLimitPerHour?: number;
  /** How many requests may come at once before the hourly rate applies. @default rateLimitPerHour */
  readonly rateLimitBurst?: number;
  /** How long asynchronous work stays pending, in ms. @default builds 300, add-on provisioning 1000, promotions 300, space allocation 500, VPN connections 500 */
  readonly delays?: {
    readonly buildMs?: number;
    readonly provisionMs?: number;
    readonly promotionMs?: number;
    readonly allocateMs?: number;
    readonly vpnMs?: number;
  };
  /**
   * Receives one line per API request (method, path, status, time), and one
   * per unexpected failure (method, path, request id, the error and its
   * stack); never bodies or headers. @default no request lines; failures go to stderr
   */
  readonly log?: (line: string) => void;
  /** Failures to inject into API requests, for tests and benchmarks. @default none */
  readonly faults?: FaultOptions;
  /**
   * Run real PostgreSQL and Redis servers behind Heroku Postgres and Heroku
   * Redis add-ons, where they are installed; false keeps every data add-on a
   * record whose URL points nowhere. @default true
   */
  readonly dataServers?: boolean;
}

export interface RunningPlatform {
  readonly url: string;
  readonly apiKey: string;
  /** One line per data engine that runs behind its add-ons: which server, from where, as whom. */
  readonly dataServers: readonly string[];
  /** One line per data engine that does not: its add-ons are records only, and what to install. */
  readonly recordsOnly: readonly string[];
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

/** A build's output stream: public, like Heroku's, and plain text (internal helper). */
async function serveBuildOutput(req: IncomingMessage, res: ServerResponse, builds: SettleContext, report: FailureReport): Promise<boolean> {
  const id = /^\/build-output\/([0-9a-f-]{36})$/.exec(new URL(req.url ?? "/", "http://platform").pathname)?.[1];
  if (!id || req.method !== "GET") return false;
  // Public: it settles its own build, if due, and never the platform's other pending work.
  await settleBuild(builds, report, id);
  const log = builds.logs.get(id);
  res.writeHead(log === undefined ? 404 : 200, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(log ?? "no output for this build\n");
  return true;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  makePrivateFolder(options.dataDir);
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
  const store = openPlatformData(dataFile, email);
  let baseUrl = "";
  const blobs = new BlobStore(options.dataDir, apiKey);
  const servers = options.dataServers === false ? LocalDataServers.off() : LocalDataServers.open(options.dataDir, options.log ?? (() => undefined));
  const builds: SettleContext = { store, blobs, baseUrl: () => baseUrl, buildMs: options.delays?.buildMs ?? 300, logs: new Map(), servers };
  const follower = new StoreFollower(store, servers);
  const logFailure = (error: unknown, doing?: string) => (options.log ?? console.error)(`${new Date().toISOString()} failed while ${doing}: ${error instanceof Error ? error.message : String(error)}`);
  const router = new Router();
  accountRoutes(router, store);
  appRoutes(router, store);
  configVarRoutes(router, store);
  releaseRoutes(router, store);
  buildRoutes(router, builds);
  formationRoutes(router, store);
  const logStreams = logRoutes(router, store, () => baseUrl);
  addonRoutes(router, store, options.delays?.provisionMs ?? 1000);
  dataApiRoutes(router, store, servers);
  domainRoutes(router, store);
  appSettingRoutes(router, store);
  pipelineRoutes(router, store, options.delays?.promotionMs ?? 300);
  collaborationRoutes(router, store);
  accountFeatureRoutes(router, store);
  reviewAppRoutes(router, store);
  teamRoutes(router, store);
  spaceRoutes(router, store, { allocateMs: options.delays?.allocateMs ?? 500, vpnMs: options.delays?.vpnMs ?? 500 });
  telemetryDrainRoutes(router, store);
  const perHour = options.rateLimitPerHour ?? 4500;
  const server = createApiServer({
    apiKey,
    router,
    rateLimit: new TokenBucket(options.rateLimitBurst ?? perHour, perHour),
    unauthenticated: { "/blobs/": (req, res) => blobs.handle(req, res), "/buildpacks/": serveBuildpackRegistry, "/build-output/": (req, res, report) => serveBuildOutput(req, res, builds, report), [LOG_STREAM_PATH]: logStreams },
    beforeEach: (report) => settle(builds, report),
    afterEach: (report) => follower.follow(report),
    faults: options.faults && new FaultInjector(options.faults),
    log: options.log,
  });
  // Data add-ons from before data servers get their store; every store's server is up (or adopted) before the first request.
  await store.mutate(storesForOlderAddons);
  await follower.follow(logFailure);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the platform holds credentials and is never meant to be reachable from a network.
    server.listen(options.port ?? DEFAULT_PLATFORM_PORT, "127.0.0.1", resolve);
  }).catch(async (error: unknown) => {
    // A platform that cannot listen leaves no data server running.
    await servers.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    apiKey,
    dataServers: servers.running(),
    recordsOnly: servers.missing,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // A write under way lands before another platform may open the data; the servers stop once they follow it.
      await store.written();
      await follower.follow(logFailure);
      await servers.close();
      unlock();
    },
  };
}
