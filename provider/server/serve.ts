/**
 * Serving the provider to Terraform as a go-plugin: check the magic cookie,
 * listen on a private unix socket with mTLS (the client certificate Terraform
 * passed is the only one accepted), print the handshake line — the first and
 * only thing on stdout — and exit when Terraform says so or goes away.
 */
import { Server, ServerCredentials } from "@grpc/grpc-js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HerokuProvider } from "../engine/provider";
import { controllerService, providerService } from "./grpc-service";
import { selfSignedCert } from "./self-signed-cert";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

export async function servePlugin(provider: HerokuProvider): Promise<void> {
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
  const dir = mkdtempSync(join(tmpdir(), "plugin"));
  const socket = join(dir, "provider.sock");
  const server = new Server();
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    server.forceShutdown();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  const main = providerService(provider, () => undefined);
  server.addService(main.definition, main.implementation);
  const controller = controllerService(exit);
  server.addService(controller.definition, controller.implementation);

  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const cert = selfSignedCert();
  const credentials = clientCert
    ? ServerCredentials.createSsl(Buffer.from(clientCert), [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }], true)
    : ServerCredentials.createInsecure();
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socket}`, credentials, (e) => (e ? reject(e) : resolve())));

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

  const certField = clientCert ? cert.certDer.toString("base64").replace(/=+$/, "") : "";
  process.stdout.write(`1|6|unix|${socket}|grpc|${certField}\n`);
}
