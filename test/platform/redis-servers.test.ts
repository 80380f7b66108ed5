import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { StoreSpec } from "../../platform/state/data-stores";
import type { DataStoreRecord } from "../../platform/state/records";
import { findRedis, RedisServers, type RedisBinaries } from "../../platform/services/redis-servers";
import { serverUser } from "../../platform/services/server-user";

const found = findRedis();
const binaries = found as RedisBinaries;
// The folder is 0711: when the tests run as root, the redis user must pass through it.
const root = mkdtempSync(join(tmpdir(), "redis-servers-"));
chmodSync(root, 0o711);
const started: RedisServers[] = [];

/** A RedisServers on `<root>/<name>`, stopped after the file. */
function servers(name = "services"): { servers: RedisServers; dir: string; lines: string[] } {
  const dir = join(root, name);
  const lines: string[] = [];
  const made = new RedisServers(dir, binaries, (line) => lines.push(line));
  started.push(made);
  return { servers: made, dir, lines };
}

let addons = 0;
/** A Redis store kept as a record only so far, as newDataStore makes one. */
function store(password = randomHex()): DataStoreRecord {
  const now = new Date().toISOString();
  addons += 1;
  return {
    addon: { id: `00000000-0000-4000-8000-${String(addons).padStart(12, "0")}` },
    engine: "redis",
    database: "",
    user: "",
    password,
    host: "x.dynoform.internal",
    port: 6379,
    requested_version: null,
    state: "active",
    created_at: now,
    updated_at: now,
  };
}

function randomHex(): string {
  return [...Array(64)].map(() => Math.floor(Math.random() * 16).toString(16)).join("");
}

function spec(s: DataStoreRecord, memoryMb = 25, connections = 20): StoreSpec {
  return { store: s, limits: { memoryMb, connections } };
}

/** What redis-cli prints for a command, errors included, authenticated with `password` when given. */
async function redis(port: number, password: string | undefined, ...args: string[]): Promise<string> {
  const { REDISCLI_AUTH: _inherited, ...rest } = process.env;
  const env = password === undefined ? rest : { ...rest, REDISCLI_AUTH: password };
  try {
    const { stdout, stderr } = await promisify(execFile)(binaries.cli, ["-h", "127.0.0.1", "-p", String(port), ...args], { env, encoding: "utf8" });
    return `${stdout}${stderr}`.trim();
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return `${stdout}${stderr}`.trim();
  }
}

/** The pid in the add-on's pidfile. */
function pidOf(dir: string, s: DataStoreRecord): number {
  return Number(readFileSync(join(dir, s.addon.id, "redis.pid"), "utf8").trim());
}

/** Whether `pid` is a live redis-server (a zombie's cmdline is empty). */
function isRedis(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("redis-server");
  } catch {
    return false;
  }
}

/** A raw connection authenticated with `password`; resolves `closed` when the server ends it. */
async function heldConnection(port: number, password: string): Promise<{ closed: Promise<void> }> {
  const socket = connect(port, "127.0.0.1");
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const reply = await new Promise<string>((resolve) => {
    socket.once("data", (data) => resolve(data.toString()));
    socket.write(`AUTH ${password}\r\n`);
  });
  expect(reply).toBe("+OK\r\n");
  return { closed };
}

afterAll(async () => {
  for (const s of started) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf("missing" in found)(`Heroku Redis servers (${"missing" in found ? found.missing : "redis-server found"})`, () => {
  it("starts a server per add-on that asks the store's password and enforces the plan's limits", async () => {
    // GIVEN a store kept as a record only so far, on a 50 MB plan of 12 clients
    const { servers: redisServers, dir } = servers();
    const s = store();
    // WHEN it is provisioned
    const endpoint = await redisServers.provision(spec(s, 50, 12));
    // THEN it answers on loopback with the password, and refuses without it or with another
    expect(endpoint.host).toBe("127.0.0.1");
    expect(await redis(endpoint.port, s.password, "SET", "greeting", "hello")).toBe("OK");
    expect(await redis(endpoint.port, s.password, "GET", "greeting")).toBe("hello");
    expect(await redis(endpoint.port, undefined, "GET", "greeting")).toContain("NOAUTH");
    expect(await redis(endpoint.port, "wrong", "GET", "greeting")).toContain("WRONGPASS");
    // AND its limits are the plan's, with Heroku's eviction policy
    expect(await redis(endpoint.port, s.password, "CONFIG", "GET", "maxmemory")).toBe(`maxmemory\n${50 * 1024 * 1024}`);
    expect(await redis(endpoint.port, s.password, "CONFIG", "GET", "maxmemory-policy")).toBe("maxmemory-policy\nnoeviction");
    expect(await redis(endpoint.port, s.password, "CONFIG", "GET", "maxclients")).toBe("maxclients\n12");
    // AND the password is in no command line, only in a conf private to the server's user
    const pid = pidOf(dir, s);
    expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).not.toContain(s.password);
    const conf = statSync(join(dir, s.addon.id, "redis.conf"));
    expect(conf.mode & 0o777).toBe(0o600);
    expect(conf.uid).toBe(serverUser(["redis"]).uid);
    // AND the data API can read its INFO
    const info = await redisServers.info(s);
    expect(info.redis_version).toBe(binaries.version);
    expect(info.maxmemory_policy).toBe("noeviction");
    expect(Number(info.connected_clients)).toBeGreaterThan(0);
  });

  it("after a rotation, applies the new password and limits live, and disconnect ends the old sessions", async () => {
    // GIVEN a provisioned store and a connection authenticated with its password
    const { servers: redisServers, dir } = servers();
    const s = store();
    const { port } = await redisServers.provision(spec(s));
    const pid = pidOf(dir, s);
    const held = await heldConnection(port, s.password);
    const old = s.password;
    // WHEN its password rotates and its plan grows, and the store is provisioned again and disconnected
    const rotated = { ...s, password: randomHex(), host: "127.0.0.1", port };
    const again = await redisServers.provision(spec(rotated, 100, 40));
    await redisServers.disconnect(rotated);
    // THEN the same process on the same port takes the new password only, with the new limits
    expect(again.port).toBe(port);
    expect(pidOf(dir, s)).toBe(pid);
    expect(await redis(port, old, "PING")).toContain("WRONGPASS");
    expect(await redis(port, rotated.password, "PING")).toBe("PONG");
    expect(await redis(port, rotated.password, "CONFIG", "GET", "maxmemory")).toBe(`maxmemory\n${100 * 1024 * 1024}`);
    expect(await redis(port, rotated.password, "CONFIG", "GET", "maxclients")).toBe("maxclients\n40");
    // AND the session opened with the old password is gone
    await held.closed;
  });

  it("keeps the data across a stop and a new start, on the same port", async () => {
    // GIVEN a provisioned store holding a key, pointed at its server as the state layer does
    const first = servers("persist");
    const s = store();
    const endpoint = await first.servers.provision(spec(s));
    const pointed = { ...s, ...endpoint };
    expect(await redis(endpoint.port, s.password, "SET", "kept", "yes")).toBe("OK");
    const pid = pidOf(first.dir, s);
    // WHEN the servers stop, and a new instance provisions the store again
    await first.servers.stop();
    expect(isRedis(pid)).toBe(false);
    const second = servers("persist");
    const again = await second.servers.provision(spec(pointed));
    // THEN the server is back on the same port with the key
    expect(again).toEqual(endpoint);
    expect(await redis(again.port, s.password, "GET", "kept")).toBe("yes");
  });

  it("adopts a server still running from an earlier instance", async () => {
    // GIVEN a store provisioned by one instance that never stopped
    const first = servers("adopt");
    const s = store();
    const endpoint = await first.servers.provision(spec(s));
    const pid = pidOf(first.dir, s);
    // WHEN another instance provisions it
    const second = servers("adopt");
    const again = await second.servers.provision(spec({ ...s, ...endpoint }));
    // THEN it reuses that process, and its stop ends it
    expect(again).toEqual(endpoint);
    expect(pidOf(first.dir, s)).toBe(pid);
    await second.servers.stop();
    expect(isRedis(pid)).toBe(false);
  });

  it("removes a store's server and data for good, and a store already gone is fine", async () => {
    // GIVEN a provisioned store
    const { servers: redisServers, dir, lines } = servers();
    const s = store();
    const { port } = await redisServers.provision(spec(s));
    const pid = pidOf(dir, s);
    // WHEN it is removed, twice, along with one never provisioned
    await redisServers.remove(s);
    await redisServers.remove(s);
    await redisServers.remove(store());
    // THEN its process and folder are gone, and its port refuses connections
    expect(isRedis(pid)).toBe(false);
    expect(existsSync(join(dir, s.addon.id))).toBe(false);
    expect(await redis(port, s.password, "PING")).toContain("Connection refused");
    expect(lines).toContain(`redis of add-on ${s.addon.id} removed`);
  });

  it("restarts a server that died on the next provision", async () => {
    // GIVEN a provisioned store whose process was killed
    const { servers: redisServers, dir } = servers();
    const s = store();
    const endpoint = await redisServers.provision(spec(s));
    process.kill(pidOf(dir, s), "SIGKILL");
    await expect.poll(() => redis(endpoint.port, s.password, "PING")).toContain("Connection refused");
    // WHEN it is provisioned again
    const again = await redisServers.provision(spec({ ...s, ...endpoint }));
    // THEN a new process answers on the same port
    expect(again).toEqual(endpoint);
    expect(await redis(again.port, s.password, "PING")).toBe("PONG");
  });

  it("says what runs and as whom", () => {
    // GIVEN servers WHEN described THEN the version and the user show
    const user = serverUser(["redis"]);
    expect(servers().servers.describe()).toBe(
      `Heroku Redis: redis-server ${binaries.version}, one process per add-on on 127.0.0.1, run as ${user.switched ? "system user " : ""}${user.name}`,
    );
  });
});
