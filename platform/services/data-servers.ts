/**
 * The platform's data servers: PostgreSQL behind Heroku Postgres and Redis
 * behind Heroku Redis, each when it is installed. An engine that is missing
 * leaves its add-ons as records (their URLs name a host that does not exist)
 * and says so in one line, with what to install; nothing fails later.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { makePrivateFolder } from "../../lib/private-folder";
import type { DataEngine } from "../../vocabulary";
import type { DataServers, Endpoint, StoreSpec } from "../state/data-stores";
import type { DataStoreRecord } from "../state/records";
import type { EngineServer, MissingEngine } from "./engine";
import { closedFolderOnTheWay, type ServerUser } from "./server-user";
import { findPostgres } from "./postgres-binaries";
import { PostgresServer } from "./postgres-server";
import { findRedis, RedisServers } from "./redis-servers";

/**
 * An engine whose user may reach its folder, or why its add-ons are records
 * only: a server run as a system user cannot use a data folder inside a
 * private one (a 0700 home or temporary folder) (internal helper).
 */
function reachable<E extends EngineServer & { readonly user: ServerUser }>(engine: E, dir: string, service: string): E | MissingEngine {
  const closed = closedFolderOnTheWay(engine.user, dir);
  if (!closed) return engine;
  const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, "0");
  return {
    missing: `${service} add-ons are kept as records only: the server runs as system user ${engine.user.name}, which cannot pass through ${closed} (mode ${mode}); chmod o+x ${closed}, or keep the platform's data folder where other users may pass`,
  };
}

export class LocalDataServers implements DataServers {
  /** The work under way on each store, by add-on id: requests settle and follow concurrently, and a store takes one change at a time. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private constructor(
    readonly postgres: PostgresServer | undefined,
    readonly redis: RedisServers | undefined,
    /** One line per engine that is not installed: what it means and what to install. */
    readonly missing: readonly string[],
  ) {}

  /**
   * The servers of the data folder `dataDir`, in `<dataDir>/services`; none
   * starts before a store needs it. Under root, the servers run as system
   * users, which must pass through the data folder (lib/private-folder.ts).
   */
  static open(dataDir: string, log: (line: string) => void): LocalDataServers {
    const dir = join(dataDir, "services");
    makePrivateFolder(dir);
    const pgBinaries = findPostgres(join(dir, "postgres-lib"));
    const redisBinaries = findRedis();
    const postgres = "missing" in pgBinaries ? pgBinaries : reachable(new PostgresServer(join(dir, "postgres"), dir, pgBinaries), dir, "Heroku Postgres");
    const redis = "missing" in redisBinaries ? redisBinaries : reachable(new RedisServers(join(dir, "redis"), redisBinaries, log), dir, "Heroku Redis");
    return new LocalDataServers(
      "missing" in postgres ? undefined : postgres,
      "missing" in redis ? undefined : redis,
      [postgres, redis].flatMap((engine) => ("missing" in engine ? [engine.missing] : [])),
    );
  }

  /** No servers: every data add-on a record only, as the platform's `dataServers: false` asks. */
  static off(): LocalDataServers {
    return new LocalDataServers(undefined, undefined, ["data servers are off: Heroku Postgres and Heroku Redis add-ons are records only"]);
  }

  /** What runs behind the data add-ons (or will, once one needs it): `platform status`. */
  running(): string[] {
    return [this.postgres, this.redis].flatMap((engine) => (engine ? [engine.describe()] : []));
  }

  private engine(kind: DataEngine): EngineServer | undefined {
    return kind === "postgres" ? this.postgres : this.redis;
  }

  /** Runs `work` on a store once the work before it on that store is done (internal helper). */
  private inTurn<R>(store: DataStoreRecord, work: (engine: EngineServer) => Promise<R>): Promise<R | null> {
    const engine = this.engine(store.engine);
    if (!engine) return Promise.resolve(null);
    const id = store.addon.id;
    const turn = (this.queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => work(engine));
    this.queues.set(id, turn);
    const forget = () => {
      if (this.queues.get(id) === turn) this.queues.delete(id);
    };
    turn.then(forget, forget);
    return turn;
  }

  provision(spec: StoreSpec): Promise<Endpoint | null> {
    return this.inTurn(spec.store, (engine) => engine.provision(spec));
  }

  async remove(store: DataStoreRecord): Promise<void> {
    await this.inTurn(store, (engine) => engine.remove(store));
  }

  /** Cuts the connections made with a store's credential: the old password of a rotation reaches nothing. */
  async disconnect(store: DataStoreRecord): Promise<void> {
    await this.inTurn(store, (engine) => engine.disconnect(store));
  }

  /** Stops every server, keeping the data. */
  async close(): Promise<void> {
    await Promise.all([this.postgres?.stop(), this.redis?.stop()]);
  }
}
