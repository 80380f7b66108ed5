import { Client, credentials, Metadata, type ServiceError } from "@grpc/grpc-js";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rpcServer, type PluginTls, type RpcServer } from "../../provider/server/grpc-server";
import * as M from "../../provider/protocol/messages";
import { decode, encode, type Message, type MessageDescriptor } from "../../provider/protocol/protobuf";
import { selfSignedCert } from "../../lib/self-signed-cert";

// The provider's gRPC server is node's HTTP/2 with gRPC's unary framing; grpc-js, a general
// gRPC implementation, is the independent client that checks it speaks the protocol.

const opened: { listener: Server; server: RpcServer; dir: string }[] = [];

afterEach(() => {
  for (const { listener, server, dir } of opened.splice(0)) {
    server.forceShutdown();
    listener.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The server on a unix socket, as serve.ts hands it connections; returns the socket's path. */
async function serving(tls?: PluginTls): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "grpc-test-"));
  const socket = join(dir, "provider.sock");
  const server = rpcServer(tls, () => undefined);
  const listener = createServer((connection) => server.injectConnection(connection));
  await new Promise<void>((resolve) => listener.listen(socket, resolve));
  opened.push({ listener, server, dir });
  return socket;
}

/** One unary call through grpc-js: the decoded answer, or its gRPC error. */
function call(client: Client, path: string, request: MessageDescriptor, response: MessageDescriptor, message: Message): Promise<Message> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      path,
      (m: Message) => encode(request, m),
      (b: Buffer) => decode(response, b),
      message,
      new Metadata(),
      {},
      (error: ServiceError | null, answer?: Message) => (error ? reject(error) : resolve(answer!)),
    ),
  );
}

function plainClient(socket: string): Client {
  return new Client(`unix:${socket}`, credentials.createInsecure());
}

describe("the provider's gRPC server", () => {
  it("answers a unary call with the message a gRPC client decodes", async () => {
    // GIVEN the server on a plain socket, as a reattached provider serves
    const client = plainClient(await serving());
    // WHEN a gRPC client asks for the provider's metadata
    const answer = (await call(client, "/tfplugin6.Provider/GetMetadata", M.Empty, M.GetMetadataResponse, {})) as { resources: { type_name: string }[] };
    client.close();
    // THEN it reads every resource type
    expect(answer.resources.map((r) => r.type_name)).toContain("heroku_app");
  });

  it("answers a method it does not serve with UNIMPLEMENTED, as go-plugin expects of the broker", async () => {
    const client = plainClient(await serving());
    // WHEN go-plugin's broker stream is asked for
    const refused = call(client, "/plugin.GRPCBroker/StartStream", M.Empty, M.Empty, {});
    // THEN the status is UNIMPLEMENTED (12) and names the method
    await expect(refused).rejects.toMatchObject({ code: 12, details: "unknown method /plugin.GRPCBroker/StartStream" });
    client.close();
  });

  it("answers a request it cannot decode with a status and a message, not a dropped connection", async () => {
    const client = plainClient(await serving());
    // GIVEN a well-formed ConfigureProviderRequest, and bytes that are not one (a field 2 string cut short)
    const wellFormed = await call(client, "/tfplugin6.Provider/ConfigureProvider", M.Empty, M.DiagnosticsOnly, {});
    const cut = new Promise<Message>((resolve, reject) =>
      client.makeUnaryRequest("/tfplugin6.Provider/ConfigureProvider", () => Buffer.from([0x12, 0x05, 0x61]), (b: Buffer) => decode(M.DiagnosticsOnly, b), {}, new Metadata(), {}, (error: ServiceError | null, answer?: Message) =>
        error ? reject(error) : resolve(answer!),
      ),
    );
    // THEN the well-formed one is answered, and the cut one fails with UNKNOWN (2) and the decoder's message
    expect(wellFormed).toHaveProperty("diagnostics");
    await expect(cut).rejects.toMatchObject({ code: 2, details: "protobuf: truncated field" });
    client.close();
  });

  it("serves over mTLS only the client whose certificate Terraform passed", async () => {
    // GIVEN the server with TLS, accepting one client certificate
    const server = selfSignedCert();
    const terraform = selfSignedCert();
    const stranger = selfSignedCert();
    const socket = await serving({ clientCertPem: terraform.certPem, cert: server });
    const options = { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" };
    const as = (who: typeof terraform) => new Client(`unix:${socket}`, credentials.createSsl(Buffer.from(server.certPem), Buffer.from(who.keyPem), Buffer.from(who.certPem)), options);
    // WHEN Terraform's certificate and another one each make a call
    const trusted = as(terraform);
    const untrusted = as(stranger);
    const accepted = call(trusted, "/tfplugin6.Provider/GetMetadata", M.Empty, M.GetMetadataResponse, {});
    const refused = call(untrusted, "/tfplugin6.Provider/GetMetadata", M.Empty, M.GetMetadataResponse, {});
    // THEN only Terraform's is answered; the other never gets a connection (UNAVAILABLE, 14)
    await expect(accepted).resolves.toHaveProperty("resources");
    await expect(refused).rejects.toMatchObject({ code: 14 });
    trusted.close();
    untrusted.close();
  });
});
