/**
 * Test helper (internal): a real PostgreSQL server from the machine's own
 * binaries (Debian's `postgresql` package), in a scratch data directory, on
 * a free loopback port, never as root — PostgreSQL refuses to run as root,
 * so under root it runs as the `postgres` system user the package creates.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface PostgresServer {
  /** `postgres://…@127.0.0.1:PORT/postgres`, as Terraform's PG_CONN_STR takes it. */
  readonly url: string;
  readonly port: number;
  stop(): void;
}

/** Where Debian keeps the server binaries: the newest /usr/lib/postgresql/<major>/bin (internal helper). */
function binDir(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl"))) : [];
  if (majors.length === 0) throw new Error("PostgreSQL is not installed: apt-get install postgresql (the tests start their own server)");
  return join(root, majors.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

/** A free loopback port, asked of the kernel (internal helper). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "dynoform-pg-"));
  const data = join(dir, "data");
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, "password"), password);
  if (asRoot) {
    const [uid, gid] = [idOf("-u"), idOf("-g")];
    chownSync(dir, uid, gid);
    chownSync(join(dir, "password"), uid, gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : join(bin, command), asRoot ? ["-u", "postgres", "--", join(bin, command), ...args] : args, { stdio: "pipe" });
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

/** The `postgres` user's uid or gid (internal helper). */
function idOf(flag: "-u" | "-g"): number {
  return Number(execFileSync("id", [flag, "postgres"]).toString().trim());
}
