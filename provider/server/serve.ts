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
 */
import { mkdtempSync, rmSync } from "node:fs";
import * as nodeModule from "node:module";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedServerCert } from "./cert-cache";
import type { RpcServer, rpcServer } from "./grpc-server";
import { selfSignedCert } from "./self-signed-cert";

export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/** Set by the installed shim: a private folder beside the mirror for what the provider keeps between starts. */
export const CACHE_DIR_VARIABLE = "DYNOFORM_PROVIDER_CACHE";

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
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const tls = clientCert ? { clientCertPem: clientCert, cert: cacheDir ? cachedServerCert(cacheDir) : selfSignedCert() } : undefined;

  const dir = mkdtempSync(join(tmpdir(), "plugin"));
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
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      exit();
    }
  }, 1000).unref();

  const certField = tls ? tls.cert.certDer.toString("base64").replace(/=+$/, "") : "";
  process.stdout.write(`1|6|unix|${socket}|grpc|${certField}\n`);

  rpc = (await loadRpc()).rpcServer(tls, exit);
  for (const connection of early.splice(0)) rpc.injectConnection(connection);
}
