/**
 * What answers Terraform's RPCs, loaded only once the handshake line is out
 * (see `serve.ts`): the tfplugin6 Provider service over a `HerokuProvider`
 * with every resource and data source, and go-plugin's controller, served as
 * gRPC over node's own HTTP/2 on the connections the handshake's listener
 * hands over.
 *
 * Every RPC the plugin protocol makes of a provider is unary, so gRPC here is
 * its unary wire format (the protocol's HTTP/2 mapping): one length-prefixed
 * message each way, the status in trailers. Go-plugin's streaming services
 * (the broker, stdio) are answered UNIMPLEMENTED, which go-plugin tolerates.
 * A general gRPC library costs every call several times what the call does
 * itself, and Terraform makes a thousand calls to plan and apply 250 resources.
 */
import { constants, createSecureServer, createServer, type Http2Server, type Http2Session, type ServerHttp2Stream, type IncomingHttpHeaders } from "node:http2";
import type { Socket } from "node:net";
import { DATA_SOURCES } from "../data-sources";
import { HerokuProvider } from "../engine/provider";
import { workingDirectory } from "../engine/working-dir";
import { RESOURCES } from "../resources";
import { controllerService, providerService, type UnaryMethod } from "./grpc-service";
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

/** gRPC status codes this server answers with (grpc/doc/statuscodes.md). */
const Status = { OK: 0, UNKNOWN: 2, INTERNAL: 13, UNIMPLEMENTED: 12 } as const;

/** The 5-byte prefix of a gRPC message: a compressed flag, then the length, big-endian. */
const PREFIX_BYTES = 5;

/**
 * The gRPC server, with mTLS when `tls` is given; `shutdown` is the
 * controller's Shutdown. With `workingDir`, relative paths in the
 * configuration resolve against it instead of this process's own folder.
 */
export function rpcServer(tls: PluginTls | undefined, shutdown: () => void, workingDir?: string): RpcServer {
  const methods = new Map<string, UnaryMethod>([...providerService(new HerokuProvider(RESOURCES, DATA_SOURCES), () => undefined), ...controllerService(shutdown)]);
  const call: (method: UnaryMethod, request: Buffer) => Promise<Buffer> =
    workingDir === undefined ? (method, request) => method(request) : (method, request) => workingDirectory.run(workingDir, () => method(request));
  const server: Http2Server = tls
    ? createSecureServer({ key: tls.cert.keyPem, cert: tls.cert.certPem, ca: tls.clientCertPem, requestCert: true, rejectUnauthorized: true })
    : createServer();
  const sessions = new Set<Http2Session>();
  server.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  server.on("stream", (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => serveCall(stream, headers, methods, call));
  return {
    injectConnection: (connection) => server.emit("connection", connection),
    forceShutdown: () => {
      server.close();
      for (const session of sessions) session.destroy();
    },
  };
}

/** Reads one call's request, runs its method and answers with the response and its status (internal helper). */
function serveCall(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, methods: ReadonlyMap<string, UnaryMethod>, call: (method: UnaryMethod, request: Buffer) => Promise<Buffer>): void {
  stream.on("error", () => undefined); // a call Terraform cancelled: nothing is left to answer
  const path = String(headers[constants.HTTP2_HEADER_PATH]);
  const method = methods.get(path);
  if (!method) {
    stream.resume();
    return endWith(stream, Status.UNIMPLEMENTED, `unknown method ${path}`);
  }
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.once("end", () => {
    const body = Buffer.concat(chunks);
    const request = unframe(body);
    if (typeof request === "string") return endWith(stream, Status.INTERNAL, request);
    call(method, request).then(
      (response) => answer(stream, response),
      (error: unknown) => endWith(stream, Status.UNKNOWN, error instanceof Error ? error.message : String(error)),
    );
  });
}

/** The one message of a unary request, or what is wrong with the body (internal helper). */
function unframe(body: Buffer): Buffer | string {
  if (body.length < PREFIX_BYTES) return "a request without a message";
  if (body[0] !== 0) return "a compressed message, though this server accepts no encoding";
  const length = body.readUInt32BE(1);
  if (body.length !== PREFIX_BYTES + length) return "a request that is not exactly one message";
  return body.subarray(PREFIX_BYTES);
}

/** Sends a response message, then the OK status in trailers (internal helper). */
function answer(stream: ServerHttp2Stream, message: Buffer): void {
  if (stream.closed) return;
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.writeUInt32BE(message.length, 1);
  stream.respond({ [constants.HTTP2_HEADER_STATUS]: 200, [constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc" }, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(Status.OK) }));
  stream.end(Buffer.concat([prefix, message]));
}

/** A trailers-only answer: no message, the status and its message in the headers (internal helper). */
function endWith(stream: ServerHttp2Stream, status: number, message: string): void {
  if (stream.closed) return;
  stream.respond(
    { [constants.HTTP2_HEADER_STATUS]: 200, [constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc", "grpc-status": String(status), "grpc-message": percentEncoded(message) },
    { endStream: true },
  );
}

/** The grpc-message header's encoding: percent-encoding of every byte outside printable ASCII and of `%` (internal helper). */
function percentEncoded(message: string): string {
  return Array.from(Buffer.from(message, "utf8"), (byte) => (byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}
