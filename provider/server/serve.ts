/**
 * Serving the provider to Terraform as a go-plugin: check the magic cookie,
 * listen on a private unix socket with mTLS (the client certificate Terraform
 * passed is the only one accepted), print the handshake line — the first and
 * only thing on stdout — and exit when Terraform says so or goes away.
 *
 * Terraform starts the provider 3–5 times a command, so this module loads as
 * little as it can before the handshake line: the socket is a plain `net`
 * listener and the server certificate comes from the cache when it can. gRPC,
 * the schema and the resources (`./grpc-server`, a bundle of its own once
 * installed) load right after the line; a connection Terraform makes meanwhile
 * waits in the listen queue, or here, and is handed to gRPC once it is there.
 *
 * Started by dynoform's runner with DYNOFORM_PROVIDER_REATTACH=1 as well, it
 * runs unmanaged (go-plugin's reattach, "debug", mode): one process serves
 * every Terraform run of a deploy, which Terraform reaches through
 * TF_REATTACH_PROVIDERS instead of starting the provider itself (see
 * `serveReattachable`).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import * as nodeModule from "node:module";
import { createServer, type Server, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedServerCert } from "./cert-cache";
import type { RpcServer, rpcServer } from "./grpc-server";
import { selfSignedCert } from "../../lib/self-signed-cert";

export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/** Set by the installed shim: a private folder beside the mirror for what the provider keeps between starts. */
export const CACHE_DIR_VARIABLE = "DYNOFORM_PROVIDER_CACHE";

/** Set (to 1) by dynoform's runner: serve unmanaged, for Terraform to reattach to (see above). */
export const REATTACH_VARIABLE = "DYNOFORM_PROVIDER_REATTACH";

export async function servePlugin(loadRpc: () => Promise<{ rpcServer: typeof rpcServer }>): Promise<void> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write("This binary is a plugin. These are not meant to be executed directly.\n" +
      "Please execute the program that consumes these plugins, which will load any plugins automatically.\n");
    process.exit(1);
  }
  const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? "6").split(",");
  if (!versions.includes("6")) {
    process.stderr.write(`heroku provider: plugin protocol 6 is required, Terraform offered ${versions.join(",")}\n`);
    process.exit(1);
  }
  const cacheDir = process.env[CACHE_DIR_VARIABLE];
  // Node ≥ 22.1 keeps V8's compiled code of what loads after the handshake; older Nodes compile it each start.
  if (cacheDir) (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(join(cacheDir, "compile"));
  if (process.env[REATTACH_VARIABLE] === "1") return serveReattachable(loadRpc);
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const tls = clientCert ? { clientCertPem: clientCert, cert: cacheDir ? cachedServerCert(cacheDir) : selfSignedCert() } : undefined;

  const dir = privateFolder();
  const socket = join(dir, "provider.sock");
  let rpc: RpcServer | undefined;
  const early: Socket[] = [];
  const listener = createServer((connection) => (rpc ? rpc.injectConnection(connection) : early.push(connection)));
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    rpc?.forceShutdown();
    listener.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  await new Promise<void>((resolve, reject) => listener.once("error", reject).listen(socket, resolve));

  // Ctrl-C reaches the whole process group; Terraform itself decides when to stop (StopProvider, then Shutdown).
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", exit);
  exitWithParent(exit);

  const certField = tls ? tls.cert.certDer.toString("base64").replace(/=+$/, "") : "";
  process.stdout.write(`1|6|unix|${socket}|grpc|${certField}\n`);

  rpc = (await loadRpc()).rpcServer(tls, exit);
  for (const connection of early.splice(0)) rpc.injectConnection(connection);
}

/**
 * Unmanaged: the runner writes a stack's folder on a line of stdin, and the
 * provider answers with go-plugin's handshake line for a socket of that
 * folder's own, whose RPCs resolve relative paths (a build's source) against
 * it, as a provider Terraform started in that folder would. Each connection
 * gets a provider of its own, as each started process would, so stacks
 * planned at once never share a configuration. The provider exits when stdin
 * closes (the runner is done or gone), on SIGTERM, or when its parent dies.
 *
 * Terraform passes no PLUGIN_CLIENT_CERT to a provider it reattaches to, and
 * go-plugin dials it without TLS: the sockets are plain gRPC, and their
 * private folder is what keeps others out (see `privateFolder`).
 */
async function serveReattachable(loadRpc: () => Promise<{ rpcServer: typeof rpcServer }>): Promise<void> {
  const dir = privateFolder();
  const servers = new Set<RpcServer>();
  const listeners: Server[] = [];
  const exit = () => {
    for (const server of servers) server.forceShutdown();
    for (const listener of listeners) listener.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  // The runner passes Ctrl-C on to Terraform, and stops this process once Terraform is done with it.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", exit);
  exitWithParent(exit);
  const { rpcServer } = await loadRpc();
  const serveFolder = async (workingDir: string): Promise<string> => {
    const socket = join(dir, `${listeners.length}.sock`);
    const listener = createServer((connection) => {
      // Go-plugin never sends Shutdown to a provider reattached in test mode; were it sent, it would end this connection's server only.
      const server: RpcServer = rpcServer(undefined, () => server.forceShutdown(), workingDir);
      servers.add(server);
      connection.once("close", () => (servers.delete(server), server.forceShutdown()));
      server.injectConnection(connection);
    });
    listeners.push(listener);
    await new Promise<void>((resolve, reject) => listener.once("error", reject).listen(socket, resolve));
    return socket;
  };
  let queue = Promise.resolve();
  createInterface({ input: process.stdin }).on("line", (line) => {
    queue = queue.then(async () => {
      process.stdout.write(`1|6|unix|${await serveFolder(line)}|grpc|\n`);
    });
  });
  process.stdin.once("end", () => void queue.then(exit));
}

/**
 * A new folder for sockets that only this user can enter: mkdtemp makes it
 * 0700 and owned by the user, and that is checked rather than assumed.
 * Connecting to a unix socket needs search permission on its folder, so no
 * other user can reach a socket in it. A managed provider's socket is mTLS
 * on top; a reattached one is not, and needs nothing more on a single-user
 * laptop or a CI runner: the only one who can get in is this user, who can
 * already read the platform's key and the state files and ptrace the
 * provider, so a plain socket opens nothing they could not reach anyway
 * (internal helper).
 */
function privateFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "plugin"));
  const stat = statSync(dir);
  if ((stat.mode & 0o777) !== 0o700 || stat.uid !== process.getuid?.()) throw new Error(`the provider's socket folder ${dir} is not this user's private 0700 folder`);
  return dir;
}

/** Exits (with `exit`) within a second of the parent process going away (internal helper). */
function exitWithParent(exit: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      exit();
    }
  }, 1000).unref();
}
