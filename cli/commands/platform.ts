/**
 * `dynoform platform start|stop|status|env [--port N] [--data DIR] [--foreground]`:
 * runs the embedded Heroku-compatible platform. `start` detaches unless
 * --foreground; `env` prints the exports that point Terraform and the official
 * heroku CLI at it (the only command that prints the key).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../../lib/atomic-file";
import { DEFAULT_PORT, startPlatform } from "../../platform";
import { CliError } from "../cli-error";

export const summary = "run the embedded Heroku-compatible platform (start, stop, status, env)";

const USAGE = "usage: dynoform platform start|stop|status|env [--port N] [--data DIR] [--foreground]";
const DEFAULT_DATA_DIR = ".dynoform/platform";

interface ServerFile {
  pid: number;
  url: string;
}

/** The running server's pid and URL, if one answers for this data dir (internal helper). */
function runningServer(dataDir: string): ServerFile | undefined {
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

async function startForeground(dataDir: string, port: number): Promise<void> {
  const platform = await startPlatform({ dataDir, port });
  writeFileAtomic(join(dataDir, "server.json"), JSON.stringify({ pid: process.pid, url: platform.url }), 0o600);
  console.log(`platform listening on ${platform.url} (data in ${dataDir})`);
  const stop = () => platform.close().then(() => rmSync(join(dataDir, "server.json"), { force: true }));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
}

/** Starts a detached server and waits until it has written where it listens (internal helper). */
async function startDetached(dataDir: string, port: number): Promise<ServerFile> {
  const child = spawn(process.execPath, [join(__dirname, "..", "..", "bin", "dynoform.js"), "platform", "start", "--foreground", "--data", dataDir, "--port", String(port)], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  for (let i = 0; i < 100; i++) {
    const server = runningServer(dataDir);
    if (server) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CliError(`the platform did not start within 10 s (is port ${port} free?)`);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { port: { type: "string" }, data: { type: "string" }, foreground: { type: "boolean", default: false } },
  });
  const dataDir = resolve(values.data ?? DEFAULT_DATA_DIR);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port "${values.port}" is not a port number`, 2);
  const server = runningServer(dataDir);
  switch (positionals[0]) {
    case "start":
      if (server) {
        console.log(`platform already running on ${server.url}`);
        return 0;
      }
      if (values.foreground) {
        await startForeground(dataDir, port);
        return 0;
      }
      console.log(`platform running on ${(await startDetached(dataDir, port)).url}`);
      return 0;
    case "stop":
      if (!server) throw new CliError(`no platform is running for ${dataDir}`);
      process.kill(server.pid, "SIGTERM");
      console.log(`platform (pid ${server.pid}) stopped`);
      return 0;
    case "status":
      console.log(server ? `running on ${server.url} (pid ${server.pid}, data in ${dataDir})` : `not running (data in ${dataDir})`);
      return server ? 0 : 3;
    case "env": {
      if (!server) throw new CliError(`no platform is running for ${dataDir}: start it with: npx dynoform platform start`);
      const { apiKey } = JSON.parse(readFileSync(join(dataDir, "credentials.json"), "utf8")) as { apiKey: string };
      const exports = {
        HEROKU_API_URL: server.url,
        HEROKU_HOST: server.url,
        HEROKU_API_KEY: apiKey,
        HEROKU_PARTICLEBOARD_URL: server.url,
        HEROKU_DATA_HOST: "127.0.0.1",
        DISABLE_TELEMETRY: "true",
        HEROKU_SKIP_ANALYTICS: "1",
        HEROKU_SKIP_NEW_VERSION_CHECK: "true",
        HEROKU_DISABLE_AUTOUPDATE: "true",
      };
      for (const [name, value] of Object.entries(exports)) console.log(`export ${name}=${value}`);
      return 0;
    }
    default:
      throw new CliError(USAGE, 2);
  }
}
