/**
 * Test helper (internal): a real PostgreSQL server from the binaries the
 * platform runs (the npm package, else the machine's own), in a scratch data
 * directory, on a free loopback port, never as root — PostgreSQL refuses to
 * run as root, so under root it runs as the `postgres` system user.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../platform/services/ports";
import { findPostgres } from "../../platform/services/postgres-binaries";
import { giveTo, serverUser } from "../../platform/services/server-user";

export interface PostgresServer {
  /** `postgres://…@127.0.0.1:PORT/postgres`, as Terraform's PG_CONN_STR takes it. */
  readonly url: string;
  readonly port: number;
  stop(): void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const found = findPostgres(mkdtempSync(join(tmpdir(), "dynoform-pg-lib-")));
  if ("missing" in found) throw new Error(found.missing);
  const env = found.libraryPath ? { LD_LIBRARY_PATH: found.libraryPath } : {};
  const user = serverUser(["postgres"]);
  const dir = mkdtempSync(join(tmpdir(), "dynoform-pg-"));
  const data = join(dir, "data");
  const port = await freePort("127.0.0.1");
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, "password"), password);
  for (const path of [dir, join(dir, "password")]) giveTo(user, path);
  // Synchronous, so that stop() can be called from any teardown.
  const run = (command: string, args: string[]) => {
    const program = join(found.bin, command);
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const [file, argv] = user.switched ? ["runuser", ["-u", user.name, "--", "env", ...vars, program, ...args]] : [program, args];
    execFileSync(file, argv, { stdio: "pipe", env: { ...process.env, ...env } });
  };
  run("initdb", ["-D", data, "-U", "dynoform", "--pwfile", join(dir, "password"), "-A", "scram-sha-256", "--no-sync"]);
  run("pg_ctl", ["-D", data, "-w", "-l", join(dir, "server.log"), "-o", `-h 127.0.0.1 -p ${port} -k ${dir} -F`, "start"]);
  return {
    url: `postgres://dynoform:${password}@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
