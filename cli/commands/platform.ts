/**
 * `dynoform platform start|stop|status|env [--port N] [--data DIR] [--foreground]`:
 * runs the embedded Heroku-compatible platform. `start` detaches unless
 * --foreground, logging one line a request to `platform.log` in its data dir;
 * `env` prints the exports that point Terraform and the official heroku CLI
 * at it (the only command that prints the key), and plain Terraform too:
 * `TF_CLI_CONFIG_FILE` names a CLI config that installs heroku/heroku from
 * the local provider's mirror, kept in the data dir. For tests and benchmarks,
 * `start --faults FILE` injects failures (a JSON FaultOptions) and
 * `--rate-limit N[/BURST]` sets the hourly token bucket.
 */
import { readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../../lib/atomic-file";
import { startPlatform, type PlatformOptions } from "../../platform";
import { DataDirInUseError } from "../../platform/persistence/data-dir-lock";
import { CorruptDataError } from "../../platform/persistence/json-store";
import { UserError } from "../../lib/user-error";
import { herokuCliEnv } from "../../lib/heroku-cli-env";
import { localPaths, platformPort } from "../../lib/local-paths";
import { installLocalProvider } from "../../provider/install/install-provider";
import { platformApiKey, runningServer, serverFileOf, serverRecord, startDetached, stopPlatform } from "../../deploy/platform-process";

export const summary = "run the embedded Heroku-compatible platform (start, stop, status, env)";

const USAGE = "usage: dynoform platform start|stop|status|env [--port N] [--data DIR] [--foreground] [--faults FILE] [--rate-limit N[/BURST]]";

/**
 * Why a platform could not start, in one line, when the reason is the
 * user's to fix: its data, its data dir, its port. Anything else is a bug,
 * and keeps its stack (internal helper).
 */
function startFailure(error: unknown, port: number): unknown {
  if (error instanceof CorruptDataError || error instanceof DataDirInUseError) return new UserError(error.message);
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall === "listen" && code === "EADDRINUSE") return new UserError(`port ${port} on 127.0.0.1 is in use by another process: choose another with --port`);
  if (syscall === "listen") return new UserError(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
  return error;
}

async function startForeground(options: PlatformOptions): Promise<void> {
  const { dataDir } = options;
  const platform = await startPlatform({ ...options, log: (line) => console.log(line) }).catch((error: unknown) => {
    throw startFailure(error, options.port ?? platformPort());
  });
  const serverFile = serverFileOf(dataDir);
  writeFileAtomic(serverFile, JSON.stringify(serverRecord(platform)), 0o600);
  console.log(`platform listening on ${platform.url} (data in ${dataDir})`);
  for (const line of [...platform.dataServers, ...platform.recordsOnly]) console.log(line);
  const stop = () => platform.close().then(() => rmSync(serverFile, { force: true }));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
}

/** `--faults FILE` and `--rate-limit N[/BURST]`, checked before anything starts (internal helper). */
function testingOptions(faultsFile: string | undefined, rateLimit: string | undefined): Partial<PlatformOptions> {
  const options: { -readonly [K in keyof PlatformOptions]?: PlatformOptions[K] } = {};
  if (faultsFile !== undefined) {
    try {
      options.faults = JSON.parse(readFileSync(faultsFile, "utf8"));
    } catch (err) {
      throw new UserError(`--faults ${faultsFile}: ${(err as Error).message}`, 2);
    }
  }
  if (rateLimit !== undefined) {
    const match = /^(\d+)(?:\/(\d+))?$/.exec(rateLimit);
    if (!match || Number(match[1]) < 1) throw new UserError(`--rate-limit "${rateLimit}" is not N or N/BURST with N ≥ 1`, 2);
    options.rateLimitPerHour = Number(match[1]);
    if (match[2] !== undefined) options.rateLimitBurst = Number(match[2]);
  }
  return options;
}

/** A value as one shell word: as it is when it is safe, else single-quoted (internal helper). */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The names of the running platform's teams, the account's first; none when it does not answer (internal helper). */
async function teamNames(url: string, apiKey: string): Promise<string[]> {
  try {
    const res = await fetch(`${url}/teams`, {
      headers: { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(3000),
    });
    const teams = res.ok ? ((await res.json()) as { name: string; default: boolean }[]) : [];
    return teams.sort((a, b) => Number(b.default) - Number(a.default)).map((t) => t.name);
  } catch {
    return [];
  }
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      data: { type: "string" },
      foreground: { type: "boolean", default: false },
      faults: { type: "string" },
      "rate-limit": { type: "string" },
    },
  });
  const dataDir = values.data ? resolve(values.data) : localPaths().platform;
  const port = values.port === undefined ? platformPort() : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port "${values.port}" is not a port number`, 2);
  const server = runningServer(dataDir);
  switch (positionals[0]) {
    case "start":
      if (server) {
        console.log(`platform already running on ${server.url}`);
        return 0;
      }
      const testing = testingOptions(values.faults, values["rate-limit"]);
      if (values.foreground) {
        // DYNOFORM_DATA_SERVERS=off keeps data add-ons records only (the benchmark's baseline; a laptop that wants no servers).
        await startForeground({ dataDir, port, dataServers: process.env.DYNOFORM_DATA_SERVERS !== "off", ...testing });
        return 0;
      }
      const passOn = [...(values.faults ? ["--faults", resolve(values.faults)] : []), ...(values["rate-limit"] ? ["--rate-limit", values["rate-limit"]] : [])];
      console.log(`platform running on ${(await startDetached(dataDir, port, passOn)).url}`);
      return 0;
    case "stop":
      if (!server) throw new UserError(`no platform is running for ${dataDir}`);
      if (!(await stopPlatform(server))) throw new UserError(`platform (pid ${server.pid}) was asked to stop and still runs after a minute; its log: ${join(dataDir, "platform.log")}`);
      console.log(`platform (pid ${server.pid}) stopped`);
      return 0;
    case "status": {
      const teams = server ? await teamNames(server.url, platformApiKey(dataDir)) : [];
      const team = teams.length > 0 ? `, team ${teams.join(", ")}` : "";
      console.log(server ? `running on ${server.url} (pid ${server.pid}, data in ${dataDir}${team})` : `not running (data in ${dataDir})`);
      for (const line of [...(server?.dataServers ?? []), ...(server?.recordsOnly ?? [])]) console.log(line);
      return server ? 0 : 3;
    }
    case "env": {
      if (!server) throw new UserError(`no platform is running for ${dataDir}: start it with: npx dynoform platform start`);
      const apiKey = platformApiKey(dataDir);
      const exports = {
        // The provider reads HEROKU_API_URL; the CLI its own variables.
        HEROKU_API_URL: server.url,
        ...herokuCliEnv(server.url, apiKey),
        // Plain `terraform init` gets heroku/heroku from the local provider's mirror, everything else as usual.
        TF_CLI_CONFIG_FILE: installLocalProvider(join(dataDir, "terraform")).cliConfigFile,
        CHECKPOINT_DISABLE: "1",
      };
      for (const [name, value] of Object.entries(exports)) console.log(`export ${name}=${shellWord(value)}`);
      // On stderr, so that `eval "$(npx dynoform platform env)"` sets the exports alone.
      const teams = await teamNames(server.url, apiKey);
      if (teams.length > 0) console.error(`# the account's team (organization.name, or team: in an environment file): ${teams.join(", ")}`);
      return 0;
    }
    default:
      throw new UserError(USAGE, 2);
  }
}
