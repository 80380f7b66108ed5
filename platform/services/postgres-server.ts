/**
 * Heroku Postgres on one local PostgreSQL server: its cluster under the
 * platform's data folder, listening on 127.0.0.1 only, started when the first
 * database is needed and stopped with the platform. Each add-on gets its own
 * database and role (password, `CONNECTION LIMIT` of its plan); the platform
 * administers them as a superuser whose password only it knows.
 *
 * A server left running by a platform that was killed is adopted by the next
 * start (its postmaster.pid names it); a cluster another major version made is
 * refused with both versions named, never upgraded behind the user's back.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client, escapeIdentifier, escapeLiteral } from "pg";
import { writeFileAtomic } from "../../lib/atomic-file";
import { processStart } from "../persistence/data-dir-lock";
import type { Endpoint, StoreSpec } from "../state/data-stores";
import type { DataStoreRecord } from "../state/records";
import type { EngineServer } from "./engine";
import { freePort, isPortFree } from "./ports";
import type { PostgresBinaries } from "./postgres-binaries";
import { writeServerCertificate } from "./server-certificate";
import { giveTo, runAs, serverUser, type ServerUser } from "./server-user";

const SUPERUSER = "dynoform";
const HOST = "127.0.0.1";

/** A query run as the superuser, in the `postgres` database or another. */
export type AdminQuery = <R extends object = Record<string, unknown>>(sql: string, database?: string) => Promise<R[]>;

export class PostgresServer implements EngineServer {
  /** Who runs the server: under root, the `postgres` system user. */
  readonly user: ServerUser;
  private readonly cluster: string;
  private port: number | undefined;
  private starting: Promise<number> | undefined;

  /**
   * @param dir `<data dir>/services/postgres`, given to the server's user
   * @param secrets a folder only the platform reads (the superuser's password)
   */
  constructor(
    private readonly dir: string,
    private readonly secrets: string,
    private readonly binaries: PostgresBinaries,
  ) {
    this.user = serverUser(["postgres"]);
    this.cluster = join(dir, "data");
  }

  describe(): string {
    const as = this.user.switched ? `as system user ${this.user.name} (the platform runs as root)` : `as ${this.user.name}`;
    return `Heroku Postgres: PostgreSQL ${this.binaries.version} from ${this.binaries.source}, on ${HOST}${this.port ? `:${this.port}` : ""}, run ${as}`;
  }

  /** The superuser's password, made with the cluster (internal helper). */
  private password(): string {
    return readFileSync(join(this.secrets, "postgres-superuser"), "utf8").trim();
  }

  private env(): NodeJS.ProcessEnv {
    return this.binaries.libraryPath ? { LD_LIBRARY_PATH: this.binaries.libraryPath } : {};
  }

  private run(program: string, args: readonly string[]): Promise<string> {
    return runAs(this.user, join(this.binaries.bin, program), args, this.env());
  }

  /** Makes the cluster on first use: the superuser with a password, scram for every connection (internal helper). */
  private async init(): Promise<void> {
    if (existsSync(join(this.cluster, "PG_VERSION"))) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    giveTo(this.user, this.dir);
    rmSync(this.cluster, { recursive: true, force: true });
    const password = randomBytes(24).toString("hex");
    writeFileAtomic(join(this.secrets, "postgres-superuser"), password + "\n", 0o600);
    // initdb reads the password from a file the server's user can read; it goes once the cluster is made.
    const pwfile = join(this.dir, "initdb-password");
    writeFileSync(pwfile, password, { mode: 0o600 });
    giveTo(this.user, pwfile);
    try {
      await this.run("initdb", ["-D", this.cluster, "-U", SUPERUSER, "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"]);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /** The major version that made the cluster, refused when it is not the binaries' (internal helper). */
  private checkMajor(): void {
    const made = readFileSync(join(this.cluster, "PG_VERSION"), "utf8").trim();
    const running = this.binaries.version.split(".")[0];
    if (made !== running) throw new Error(`the PostgreSQL cluster in ${this.cluster} was made by PostgreSQL ${made}, and the server here is ${this.binaries.version}: start it with PostgreSQL ${made}'s binaries, or move the folder away to start afresh`);
  }

  /** The port of a server already running on this cluster, from its postmaster.pid, if it answers (internal helper). */
  private async runningPort(): Promise<number | undefined> {
    const pidFile = join(this.cluster, "postmaster.pid");
    if (!existsSync(pidFile)) return undefined;
    const port = Number(readFileSync(pidFile, "utf8").split("\n")[3]);
    try {
      await this.queryOn(port, "select 1");
      return port;
    } catch {
      return undefined;
    }
  }

  /**
   * A postmaster.pid whose server is gone: killed and never reaped (a zombie,
   * in a container whose init does not reap), PostgreSQL would take for a
   * server still running and refuse to start. Its shared-memory check still
   * refuses while a backend of the old server lives (internal helper).
   */
  private removeStalePidFile(): void {
    const pidFile = join(this.cluster, "postmaster.pid");
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (processStart(pid) === undefined) rmSync(pidFile, { force: true });
  }

  /** Starts the server, or adopts the one running on this cluster; `preferred` is the port the stores' URLs already name. */
  private start(preferred: number | undefined): Promise<number> {
    this.starting ??= (async () => {
      await this.init();
      this.checkMajor();
      const adopted = await this.runningPort();
      if (adopted) return (this.port = adopted);
      this.removeStalePidFile();
      const port = preferred && (await isPortFree(HOST, preferred)) ? preferred : await freePort(HOST);
      // SSL, as Heroku Postgres (the CLI's pg:psql asks for it on any host but localhost), with a self-signed certificate, as Heroku's.
      writeServerCertificate(this.user, this.cluster, "server");
      // Loopback TCP only: no Unix socket, whose path could be too long for a deep data folder.
      // No statement in the server's log, even a failed one: the platform's ALTER ROLE … PASSWORD carries a password.
      const options = `-h ${HOST} -p ${port} -k '' -c max_connections=600 -c ssl=on -c log_min_error_statement=panic`;
      await this.run("pg_ctl", ["-D", this.cluster, "-w", "-t", "60", "-l", join(this.dir, "server.log"), "-o", options, "start"]);
      return (this.port = port);
    })();
    this.starting.catch(() => (this.starting = undefined));
    return this.starting;
  }

  /** Runs SQL as the superuser on a port (internal helper). */
  private async queryOn<R extends object>(port: number, sql: string, database = "postgres"): Promise<R[]> {
    // Bounded: the platform answers requests only once the servers follow them, so a hung server must fail, not hang them.
    const client = new Client({ host: HOST, port, user: SUPERUSER, password: this.password(), database, connectionTimeoutMillis: 10_000, query_timeout: 60_000 });
    await client.connect();
    try {
      return (await client.query(sql)).rows as R[];
    } finally {
      await client.end();
    }
  }

  /**
   * Runs SQL as the superuser, starting the server when it is not running:
   * one that went away (killed, crashed) since it started is started again,
   * on the same port when it is free, so the URLs that name it keep working.
   */
  readonly query: AdminQuery = async (sql, database) => {
    const port = await this.start(undefined);
    try {
      return await this.queryOn(port, sql, database);
    } catch (error) {
      if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
      this.starting = undefined;
      return this.queryOn(await this.start(port), sql, database);
    }
  };

  async provision({ store, limits }: StoreSpec): Promise<Endpoint> {
    const port = await this.start(store.host === HOST ? store.port : undefined);
    const [role, db] = [escapeIdentifier(store.user), escapeIdentifier(store.database)];
    const settings = `LOGIN PASSWORD ${escapeLiteral(store.password)} CONNECTION LIMIT ${limits.connections ?? -1}`;
    const [exists] = await this.query<{ role: boolean; db: boolean }>(
      `select exists(select 1 from pg_roles where rolname = ${escapeLiteral(store.user)}) as role, exists(select 1 from pg_database where datname = ${escapeLiteral(store.database)}) as db`,
    );
    await this.query(`${exists.role ? "ALTER" : "CREATE"} ROLE ${role} WITH ${settings}`);
    if (!exists.db) {
      await this.query(`CREATE DATABASE ${db} OWNER ${role}`);
      // Only its own role connects: another add-on's credential reaches nothing here.
      await this.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    }
    // Where it listens now: a server started again on the way may have had to take another port.
    return { host: HOST, port: this.port ?? port };
  }

  async disconnect(store: DataStoreRecord): Promise<void> {
    await this.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${escapeLiteral(store.user)}`);
  }

  /** Empties a database: dropped and made again, owned by the same role (`pg:reset`). */
  async reset(store: DataStoreRecord): Promise<void> {
    const db = escapeIdentifier(store.database);
    await this.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await this.query(`CREATE DATABASE ${db} OWNER ${escapeIdentifier(store.user)}`);
    await this.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  }

  async remove(store: DataStoreRecord): Promise<void> {
    if (!existsSync(join(this.cluster, "PG_VERSION"))) return;
    await this.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(store.database)} WITH (FORCE)`);
    await this.query(`DROP ROLE IF EXISTS ${escapeIdentifier(store.user)}`);
  }

  async stop(): Promise<void> {
    if (this.starting === undefined) return;
    await this.starting.catch(() => undefined);
    this.starting = undefined;
    if (existsSync(join(this.cluster, "postmaster.pid"))) await this.run("pg_ctl", ["-D", this.cluster, "-m", "fast", "-w", "stop"]);
  }
}
