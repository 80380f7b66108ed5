/**
 * The embedded platform as a background process: find the one running for a
 * data dir, or start it detached and wait until it says where it listens.
 * Shared by `dynoform platform` and the local deploys.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { makePrivateFolder } from "../lib/private-folder";
import { UserError } from "../lib/user-error";
import { isRunning, thisProcess, type ProcessRecord } from "../platform/persistence/data-dir-lock";

export interface ServerFile extends ProcessRecord {
  url: string;
  /** What runs behind the data add-ons, one line per engine (`platform status`). */
  dataServers?: readonly string[];
  /** The data engines that do not run here: their add-ons are records only, and what to install. */
  recordsOnly?: readonly string[];
}

/** How long a started platform may take to say where it listens, before it is given up on. */
const START_TIMEOUT_MS = 30_000;

/** Where a foreground platform says where it listens, for `status`, `stop`, `env` and the deploys. */
export function serverFileOf(dataDir: string): string {
  return join(dataDir, "server.json");
}

/** What a running foreground platform writes to its server file: this process, its URL and its data servers. */
export function serverRecord(platform: { url: string; dataServers: readonly string[]; recordsOnly: readonly string[] }): ServerFile {
  return { ...thisProcess(), url: platform.url, dataServers: platform.dataServers, recordsOnly: platform.recordsOnly };
}

/**
 * The running server's pid and URL, if one is alive for this data dir. A
 * server file left by a platform killed with -9, whose pid the system has
 * since given to another process, names no running platform.
 */
export function runningServer(dataDir: string): ServerFile | undefined {
  const file = serverFileOf(dataDir);
  if (!existsSync(file)) return undefined;
  let server: ServerFile;
  try {
    server = JSON.parse(readFileSync(file, "utf8")) as ServerFile;
  } catch {
    // Cut short by a crash while it was written: no platform says it runs.
    return undefined;
  }
  return typeof server.url === "string" && isRunning(server) ? server : undefined;
}

/**
 * Why a platform that was started did not come up, in its own words: the
 * `dynoform: …` error it ended with (a corrupt data file, the data dir in
 * use, a taken port), or else the first line it wrote (internal helper).
 */
function reasonFromLog(log: string, from: number): string | undefined {
  const output = readFileSync(log).subarray(from).toString("utf8");
  const said = /^dynoform: ([^]*)$/m.exec(output);
  return said ? said[1].trim() : output.split("\n").find((line) => line.trim() !== "")?.trim();
}

/**
 * Starts a detached server and waits until it has written where it listens.
 * Its request log goes to `platform.log` in the data dir (mode 0600). When it
 * exits before that, or never gets there, the error says why, from its log.
 */
export async function startDetached(dataDir: string, port: number, extraArgs: readonly string[] = []): Promise<ServerFile> {
  const bin = join(__dirname, "..", "bin", "dynoform.js");
  makePrivateFolder(dataDir);
  const logFile = join(dataDir, "platform.log");
  const log = openSync(logFile, "a", 0o600);
  const from = statSync(logFile).size;
  const child = spawn(process.execPath, [bin, "platform", "start", "--foreground", "--data", dataDir, "--port", String(port), ...extraArgs], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  child.unref();
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  for (const deadline = Date.now() + START_TIMEOUT_MS; Date.now() < deadline; ) {
    const server = runningServer(dataDir);
    if (server && server.pid === child.pid) return server;
    if (exited !== undefined) {
      const reason = reasonFromLog(logFile, from) ?? `it exited with code ${exited}`;
      throw new UserError(`the platform did not start: ${reason} (its log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // A platform that says nothing in all that time is stopped, so that it does not hold the data dir unseen.
  child.kill("SIGTERM");
  const reason = reasonFromLog(logFile, from);
  throw new UserError(`the platform did not start within ${START_TIMEOUT_MS / 1000} s, and was stopped${reason ? `: ${reason}` : ""} (its log: ${logFile})`);
}

/** How long a stopping platform may take: it stops its data servers first (PostgreSQL finishes its checkpoint). */
const STOP_TIMEOUT_MS = 60_000;

/**
 * Stops a running platform and waits until its process is gone, so that
 * whatever comes next (a start, removing the data dir) finds its servers
 * stopped. @returns whether it ended within the timeout
 */
export async function stopPlatform(server: ServerFile): Promise<boolean> {
  process.kill(server.pid, "SIGTERM");
  for (const deadline = Date.now() + STOP_TIMEOUT_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (!isRunning(server)) return true;
  }
  return !isRunning(server);
}

/** The account's API key, from the platform's data dir. */
export function platformApiKey(dataDir: string): string {
  return (JSON.parse(readFileSync(join(dataDir, "credentials.json"), "utf8")) as { apiKey: string }).apiKey;
}

/** The platform for a data dir, started when none is running. */
export async function ensurePlatform(dataDir: string, port: number): Promise<{ url: string; apiKey: string; started: boolean; recordsOnly: readonly string[] }> {
  const running = runningServer(dataDir);
  const server = running ?? (await startDetached(dataDir, port));
  return { url: server.url, apiKey: platformApiKey(dataDir), started: !running, recordsOnly: server.recordsOnly ?? [] };
}
