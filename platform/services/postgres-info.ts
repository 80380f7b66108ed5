/**
 * What `heroku pg:info` shows of a database, read off the running server:
 * its status, connections against its plan's limit, the server's version
 * (and the version the add-on asked for, when the local server's major
 * differs: stated, never hidden), its size and tables.
 */
import { escapeLiteral } from "pg";
import { findAddonPlan } from "../../vocabulary";
import type { AddonRecord, DataStoreRecord } from "../state/records";
import type { PostgresServer } from "./postgres-server";

/** One row of the data API's `info`: a name and its values. */
export interface InfoRow {
  readonly name: string;
  readonly values: readonly (string | number)[];
}

/** Bytes as Heroku prints sizes: `7.5 MB` (internal helper). */
function size(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  for (; value >= 1024 && unit < units.length - 1; unit++) value /= 1024;
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

export async function postgresInfo(server: PostgresServer, store: DataStoreRecord, addon: AddonRecord): Promise<InfoRow[]> {
  const [db] = await server.query<{ connections: string; bytes: string; version: string }>(
    `select (select count(*) from pg_stat_activity where datname = ${escapeLiteral(store.database)}) as connections, pg_database_size(${escapeLiteral(store.database)}) as bytes, current_setting('server_version') as version`,
  );
  const [tables] = await server.query<{ count: string }>("select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')", store.database);
  const limit = findAddonPlan(addon.plan.name)?.plan.connectionLimit;
  const running = db.version.split(" ")[0];
  const asked = store.requested_version;
  const version = asked && asked !== running.split(".")[0] ? `${running} (the add-on asked for ${asked}; the local server runs ${running.split(".")[0]})` : running;
  return [
    { name: "Status", values: ["Available"] },
    { name: "Connections", values: [limit ? `${db.connections}/${limit}` : db.connections] },
    { name: "PG Version", values: [version] },
    { name: "Data Size", values: [size(Number(db.bytes))] },
    { name: "Tables", values: [Number(tables.count)] },
  ];
}
