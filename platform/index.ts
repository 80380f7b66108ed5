/**
 * The embedded Heroku-compatible platform: `startPlatform()` serves the
 * Platform API v3 on loopback from a data directory. First start creates the
 * account and its API key, kept in `credentials.json` (mode 0600).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { writeFileAtomic } from "../lib/atomic-file";
import { accountRoutes } from "./handlers/account";
import { appRoutes } from "./handlers/apps";
import { configVarRoutes } from "./handlers/config-vars";
import { releaseRoutes } from "./handlers/releases";
import type { PlatformData } from "./model";
import { lockDataDir } from "./persistence/data-dir-lock";
import { JsonStore } from "./persistence/json-store";
import { createApiServer } from "./protocol/http-server";
import { TokenBucket } from "./protocol/rate-limit";
import { Router } from "./protocol/router";

export interface PlatformOptions {
  readonly dataDir: string;
  /** @default 4510; 0 picks a free port */
  readonly port?: number;
  /** Requests an hour the account may make. @default 4500, as Heroku */
  readonly rateLimitPerHour?: number;
}

export interface RunningPlatform {
  readonly url: string;
  readonly apiKey: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4510;

interface Credentials {
  apiKey: string;
  email: string;
}

/** The account's key, created on first start (internal helper). */
function credentials(dataDir: string): Credentials {
  const file = join(dataDir, "credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  const created = { apiKey: randomBytes(24).toString("hex"), email: "developer@dynoform.local" };
  writeFileAtomic(file, JSON.stringify(created, null, 2) + "\n", 0o600);
  return created;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(options.dataDir);
  const { apiKey, email } = credentials(options.dataDir);
  const now = new Date().toISOString();
  const store = new JsonStore<PlatformData>(join(options.dataDir, "platform.json"), () => ({
    account: { id: randomUUID(), email, name: "dynoform developer", created_at: now, updated_at: now },
    apps: [],
    configVars: {},
    releases: {},
  }));
  const router = new Router();
  accountRoutes(router, store);
  appRoutes(router, store);
  configVarRoutes(router, store);
  releaseRoutes(router, store);
  const perHour = options.rateLimitPerHour ?? 4500;
  const server = createApiServer({ apiKey, router, rateLimit: new TokenBucket(perHour, perHour) });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the platform holds credentials and is never meant to be reachable from a network.
    server.listen(options.port ?? DEFAULT_PORT, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
