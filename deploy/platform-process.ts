/**
 * The embedded platform as a background process: find the one running for a
 * data dir, or start it detached and wait until it says where it listens.
 * Shared by `dynoform platform` and the local deploys.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../lib/user-error";

export interface ServerFile {
  pid: number;
  url: string;
}

/** The running server's pid and URL, if one is alive for this data dir. */
export function runningServer(dataDir: string): ServerFile | undefined {
  const file = join(dataDir, "server.json");
  if (!existsSync(file)) return undefined;
  const server = JSON.parse(readFileSync(file, "utf8")) as ServerFile;
  try {
    process.kill(server.pid, 0);
    return server;
  } catch {
    return undefined;
  }
}

/**
 * Starts a detached server and waits until it has written where it listens.
 * Its request log goes to `platform.log` in the data dir (mode 0600).
 */
export async function startDetached(dataDir: string, port: number, extraArgs: readonly string[] = []): Promise<ServerFile> {
  const bin = join(__dirname, "..", "bin", "dynoform.js");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = openSync(join(dataDir, "platform.log"), "a", 0o600);
  const child = spawn(process.execPath, [bin, "platform", "start", "--foreground", "--data", dataDir, "--port", String(port), ...extraArgs], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  child.unref();
  for (let i = 0; i < 100; i++) {
    const server = runningServer(dataDir);
    if (server) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new UserError(`the platform did not start within 10 s (is port ${port} free?)`);
}

/** The account's API key, from the platform's data dir. */
export function platformApiKey(dataDir: string): string {
  return (JSON.parse(readFileSync(join(dataDir, "credentials.json"), "utf8")) as { apiKey: string }).apiKey;
}

/** The platform for a data dir, started when none is running. */
export async function ensurePlatform(dataDir: string, port: number): Promise<{ url: string; apiKey: string; started: boolean }> {
  const running = runningServer(dataDir);
  const server = running ?? (await startDetached(dataDir, port));
  return { url: server.url, apiKey: platformApiKey(dataDir), started: !running };
}
