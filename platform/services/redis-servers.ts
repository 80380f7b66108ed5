/**
 * Heroku Redis: one real `redis-server` per add-on, each in a folder of its
 * own (`<dir>/<addon id>/`) with its data, log and the conf file that holds
 * its password. A process per add-on, rather than one server with numbered
 * databases, gives each add-on its own password, memory limit and client
 * limit, as Heroku's plans have them.
 *
 * The conf file is the truth of what runs: a server still running from
 * an earlier start is adopted by the port and password its conf names, and
 * changes reach it live (`CONFIG SET`). Passwords never go on a command
 * line (anyone may read those with `ps`): they sit in the 0600 conf for the
 * server and in `REDISCLI_AUTH` or stdin for `redis-cli`.
 */
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Endpoint, StoreSpec } from "../state/data-stores";
import { isRecordOnly } from "../state/data-stores";
import type { DataStoreRecord } from "../state/records";
import type { EngineServer, MissingEngine } from "./engine";
import { freePort, isPortFree } from "./ports";
import { giveTo, runAs, serverUser, type ServerUser } from "./server-user";
import { writeServerCertificate } from "./server-certificate";

export interface RedisBinaries {
  readonly server: string;
  readonly cli: string;
  /** `7.0.15`, as `redis-server --version` prints it. */
  readonly version: string;
}

/** Where Redis listens: loopback only, as the apps run on this machine. */
const HOST = "127.0.0.1";
/** Heroku Redis's policy when memory is full: refuse writes, evict nothing. */
const POLICY = "noeviction";
const DEFAULT_MEMORY_MB = 25;
const DEFAULT_CONNECTIONS = 20;
/** How long a server may take to answer after starting, or to exit after SHUTDOWN. */
const WAIT_MS = 10_000;

/** The first executable `name` on PATH or in the usual install folders (internal helper). */
function onPath(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(":").filter(Boolean), "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"];
  return dirs.map((dir) => join(dir, name)).find((file) => existsSync(file) && (statSync(file).mode & 0o111) !== 0);
}

/** `redis-server` and `redis-cli` of this machine, or what to install. */
export function findRedis(): RedisBinaries | MissingEngine {
  const server = onPath("redis-server");
  const cli = onPath("redis-cli");
  if (!server || !cli) {
    return { missing: "Heroku Redis add-ons are kept as records only: no redis-server here (Debian/Ubuntu: apt-get install redis-server, macOS: brew install redis)" };
  }
  const printed = execFileSync(server, ["--version"], { encoding: "utf8" });
  return { server, cli, version: /v=(\S+)/.exec(printed)?.[1] ?? printed.trim() };
}

/** What a running server's conf says it is: where it listens and the password it asks. */
interface Running {
  readonly pid: number;
  readonly port: number;
  readonly password: string;
}

/** The command line of a process, "" when there is none (on Linux from /proc, elsewhere from ps) (internal helper). */
function commandLine(pid: number): string {
  try {
    if (existsSync("/proc/self/cmdline")) return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" });
  } catch {
    return "";
  }
}

/** Whether `pid` is a live redis-server: a reused pid, or a zombie (empty cmdline), is not (internal helper). */
function isRedisProcess(pid: number): boolean {
  return commandLine(pid).includes("redis-server");
}

/** Waits until `pid` is no redis-server any more; false when it still is after `ms` (internal helper). */
async function exited(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    if (!isRedisProcess(pid)) return true;
  }
  return !isRedisProcess(pid);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A value of a `key value` line of a conf file (internal helper). */
function confValue(conf: string, key: string): string | undefined {
  return new RegExp(`^${key} (.*)$`, "m").exec(conf)?.[1];
}

/** Parses `INFO`'s `field:value` lines, skipping its `# Section` headings. */
export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0 && !line.startsWith("#")) fields[line.slice(0, at)] = line.slice(at + 1);
  }
  return fields;
}

export class RedisServers implements EngineServer {
  /** Who runs the servers: under root, the `redis` system user. */
  readonly user: ServerUser = serverUser(["redis"]);
  /** Folders of the servers this instance started or adopted, which `stop` shuts down. */
  private readonly ours = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly binaries: RedisBinaries,
    private readonly log: (line: string) => void,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    giveTo(this.user, dir);
  }

  describe(): string {
    const as = this.user.switched ? `system user ${this.user.name}` : this.user.name;
    return `Heroku Redis: redis-server ${this.binaries.version}, one process per add-on on ${HOST}, run as ${as}`;
  }

  async provision(spec: StoreSpec): Promise<Endpoint> {
    const folder = this.folderOf(spec.store);
    this.makeFolder(folder);
    const running = await this.running(folder);
    const port = running?.port ?? (await this.portFor(spec.store));
    // A running server takes the change before its conf names it: its conf keeps telling how to reach it.
    if (running) await this.applyLive(running, spec);
    this.writeConf(folder, spec, port);
    if (!running) await this.start(folder, spec.store, port);
    this.ours.add(folder);
    return { host: HOST, port };
  }

  async disconnect(store: DataStoreRecord): Promise<void> {
    const running = await this.running(this.folderOf(store));
    if (running) await this.cli(running, ["CLIENT", "KILL", "TYPE", "normal"]);
  }

  async remove(store: DataStoreRecord): Promise<void> {
    const folder = this.folderOf(store);
    await this.shutDown(folder, "NOSAVE");
    rmSync(folder, { recursive: true, force: true });
    this.ours.delete(folder);
    this.log(`redis of add-on ${store.addon.id} removed`);
  }

  async stop(): Promise<void> {
    for (const folder of this.ours) await this.shutDown(folder, "SAVE");
    this.ours.clear();
  }

  /** The `INFO` fields of a store's server (redis_version, used_memory, maxmemory, connected_clients…), for the data API. */
  async info(store: DataStoreRecord): Promise<Record<string, string>> {
    const running = await this.running(this.folderOf(store));
    if (!running) throw new Error(`redis of add-on ${store.addon.id} is not running`);
    return parseInfo(await this.cli(running, ["INFO"]));
  }

  /** The add-on's folder; its id names it, so it must be no path (internal helper). */
  private folderOf(store: DataStoreRecord): string {
    if (!/^[\w-]+$/.test(store.addon.id)) throw new Error(`redis add-on id must be letters, digits, - and _, got ${JSON.stringify(store.addon.id)}`);
    return join(this.dir, store.addon.id);
  }

  /** Makes the add-on's folder, private to the server's user, which must be able to reach it (internal helper). */
  private makeFolder(folder: string): void {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    giveTo(this.user, folder);
  }

  /** The store's recorded port when it and the next (TLS) are free, else such a pair the kernel helps pick (internal helper). */
  private async portFor(store: DataStoreRecord): Promise<number> {
    const pairFree = async (port: number) => (await isPortFree(HOST, port)) && (await isPortFree(HOST, port + 1));
    if (!isRecordOnly(store) && (await pairFree(store.port))) return store.port;
    for (;;) {
      const port = await freePort(HOST);
      if (port < 65535 && (await pairFree(port))) return port;
    }
  }

  /**
   * The add-on's server when it runs: its pidfile names a live redis-server
   * and that answers PING with the password of its conf. Else undefined, and
   * provision starts it, which also brings back one that died (internal helper).
   */
  private async running(folder: string): Promise<Running | undefined> {
    const conf = this.readFile(join(folder, "redis.conf"));
    const pid = Number(this.readFile(join(folder, "redis.pid")).trim());
    const port = Number(confValue(conf, "port"));
    const password = confValue(conf, "requirepass") ?? "";
    if (!pid || !port || !isRedisProcess(pid)) return undefined;
    const answer = await this.cli({ port, password }, ["PING"]).catch(() => "");
    return answer.trim() === "PONG" ? { pid, port, password } : undefined;
  }

  /** A file's text, "" when there is none (internal helper). */
  private readFile(path: string): string {
    return existsSync(path) ? readFileSync(path, "utf8") : "";
  }

  /** Writes the conf the server starts from, 0600 and the server user's, as it holds the password (internal helper). */
  private writeConf(folder: string, spec: StoreSpec, port: number): void {
    if (!/^[\w-]+$/.test(spec.store.password)) throw new Error(`redis password of add-on ${spec.store.addon.id} must be letters, digits, - and _`);
    const path = (name: string) => JSON.stringify(join(folder, name));
    const lines = [
      `bind ${HOST}`,
      "protected-mode yes",
      `port ${port}`,
      // TLS on the next port, as Heroku's stunnel did: the CLI's redis:cli connects there (a self-signed certificate, as Heroku's).
      `tls-port ${port + 1}`,
      `tls-cert-file ${path("tls.crt")}`,
      `tls-key-file ${path("tls.key")}`,
      "tls-auth-clients no",
      `requirepass ${spec.store.password}`,
      `maxmemory ${spec.limits.memoryMb ?? DEFAULT_MEMORY_MB}mb`,
      `maxmemory-policy ${POLICY}`,
      `maxclients ${spec.limits.connections ?? DEFAULT_CONNECTIONS}`,
      `dir ${JSON.stringify(folder)}`,
      "daemonize yes",
      `pidfile ${path("redis.pid")}`,
      `logfile ${path("redis.log")}`,
      "appendonly yes",
      'save ""',
    ];
    writeServerCertificate(this.user, folder, "tls");
    const file = join(folder, "redis.conf");
    writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    giveTo(this.user, file);
  }

  /** Brings a running server to the spec without a restart; the password last, sent on stdin (internal helper). */
  private async applyLive(running: Running, spec: StoreSpec): Promise<void> {
    const limits = ["maxmemory", `${spec.limits.memoryMb ?? DEFAULT_MEMORY_MB}mb`, "maxclients", String(spec.limits.connections ?? DEFAULT_CONNECTIONS), "maxmemory-policy", POLICY];
    await this.cli(running, ["CONFIG", "SET", ...limits, "requirepass"], spec.store.password);
  }

  /** Starts the add-on's server as the server user and waits until it answers (internal helper). */
  private async start(folder: string, store: DataStoreRecord, port: number): Promise<void> {
    rmSync(join(folder, "redis.pid"), { force: true });
    await runAs(this.user, this.binaries.server, [join(folder, "redis.conf")]);
    for (const end = Date.now() + WAIT_MS; Date.now() < end; await sleep(100)) {
      const answer = await this.cli({ port, password: store.password }, ["PING"]).catch(() => "");
      if (answer.trim() === "PONG") {
        this.log(`redis of add-on ${store.addon.id} started on ${HOST}:${port}`);
        return;
      }
    }
    const tail = this.readFile(join(folder, "redis.log")).trim().split("\n").slice(-3).join(" ");
    throw new Error(`redis-server for add-on ${store.addon.id} did not answer on port ${port} within ${WAIT_MS / 1000} s: ${tail}`);
  }

  /**
   * Shuts the folder's server down, with or without a last save, and waits
   * for it to exit. A server that cannot take the command (no client slot
   * left) gets the signal that does the same: TERM saves, KILL does not.
   */
  private async shutDown(folder: string, mode: "SAVE" | "NOSAVE"): Promise<void> {
    const pid = Number(this.readFile(join(folder, "redis.pid")).trim());
    if (!pid || !isRedisProcess(pid)) return;
    const conf = this.readFile(join(folder, "redis.conf"));
    const target = { port: Number(confValue(conf, "port")), password: confValue(conf, "requirepass") ?? "" };
    await this.cli(target, ["SHUTDOWN", mode]).catch(() => process.kill(pid, mode === "SAVE" ? "SIGTERM" : "SIGKILL"));
    if (!(await exited(pid, WAIT_MS))) throw new Error(`redis-server ${pid} in ${folder} did not exit after SHUTDOWN ${mode}`);
  }

  /**
   * Runs one command with `redis-cli`, the password in REDISCLI_AUTH; `last`,
   * when given, goes on stdin as the command's last argument (`-x`), so that
   * a new password is never on a command line (internal helper).
   */
  private cli(target: { port: number; password: string }, args: readonly string[], last?: string): Promise<string> {
    const argv = ["-e", "-h", HOST, "-p", String(target.port), ...(last === undefined ? [] : ["-x"]), ...args];
    const env = { ...process.env, REDISCLI_AUTH: target.password };
    return new Promise((resolve, reject) => {
      const child = execFile(this.binaries.cli, argv, { env, encoding: "utf8", timeout: WAIT_MS }, (error, stdout, stderr) => {
        if (error) reject(new Error(`redis-cli ${args[0]} on port ${target.port} failed: ${`${stderr} ${stdout}`.trim() || error.message}`));
        else resolve(stdout);
      });
      // A command that needs no stdin (SHUTDOWN) may exit before reading it; its exit already tells how it went.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(last ?? "");
    });
  }
}
