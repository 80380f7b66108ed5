/**
 * What answers Terraform's RPCs, loaded only once the handshake line is out
 * (see `serve.ts`): grpc-js serving the tfplugin6 Provider service over a
 * `HerokuProvider` with every resource and data source, and go-plugin's
 * controller, on the connections the handshake's listener hands over.
 */
import { Server, ServerCredentials } from "@grpc/grpc-js";
import type { Socket } from "node:net";
import { DATA_SOURCES } from "../data-sources";
import { HerokuProvider } from "../engine/provider";
import { workingDirectory } from "../engine/working-dir";
import { RESOURCES } from "../resources";
import { controllerService, providerService } from "./grpc-service";
import type { SelfSignedCert } from "../../lib/self-signed-cert";

export interface PluginTls {
  /** The client certificate Terraform passed (PLUGIN_CLIENT_CERT): the only one accepted. */
  readonly clientCertPem: string;
  readonly cert: SelfSignedCert;
}

export interface RpcServer {
  injectConnection(connection: Socket): void;
  forceShutdown(): void;
}

type Handler = (call: unknown, callback: unknown) => void;

/**
 * The gRPC server, with mTLS when `tls` is given; `shutdown` is the
 * controller's Shutdown. With `workingDir`, relative paths in the
 * configuration resolve against it instead of this process's own folder.
 */
export function rpcServer(tls: PluginTls | undefined, shutdown: () => void, workingDir?: string): RpcServer {
  const server = new Server();
  const main = providerService(new HerokuProvider(RESOURCES, DATA_SOURCES), () => undefined);
  const implementation =
    workingDir === undefined
      ? main.implementation
      : Object.fromEntries(Object.entries(main.implementation).map(([name, handler]) => [name, (call: unknown, callback: unknown) => workingDirectory.run(workingDir, () => (handler as Handler)(call, callback))]));
  server.addService(main.definition, implementation);
  const controller = controllerService(shutdown);
  server.addService(controller.definition, controller.implementation);
  const credentials = tls
    ? ServerCredentials.createSsl(Buffer.from(tls.clientCertPem), [{ private_key: Buffer.from(tls.cert.keyPem), cert_chain: Buffer.from(tls.cert.certPem) }], true)
    : ServerCredentials.createInsecure();
  const injector = server.createConnectionInjector(credentials);
  return { injectConnection: (connection) => injector.injectConnection(connection), forceShutdown: () => server.forceShutdown() };
}
