/**
 * What a connection may cost the platform before it is a request: how long
 * its headers and its whole request may take to arrive, and the answer to
 * bytes Node will not read as HTTP (a control character in a header,
 * headers too large, a request too slow), in Heroku's `{id, message}`.
 */
import { maxHeaderSize, STATUS_CODES, type ServerOptions } from "node:http";
import type { Duplex } from "node:stream";

/** Headers come at once from every real client; a client still sending them after this is holding a socket. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** A whole request, body included: a 100 MB source takes a second or two on loopback. */
export const REQUEST_TIMEOUT_MS = 30_000;

export const CONNECTION_LIMITS: ServerOptions = {
  headersTimeout: HEADERS_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  // Node looks for connections over those limits this often (30 s by default, longer than either limit).
  connectionsCheckingInterval: 1_000,
};

/** The error Node's parser reports, with what it read wrong. */
interface ParserError extends Error {
  readonly code?: string;
  readonly reason?: string;
}

/**
 * Answers what Node would answer (400, 408, 431), with Heroku's error shape
 * and id `bad_request` (Heroku documents no answer of its own to these), then
 * closes the connection: nothing after a request Node cannot read is read.
 */
export function answerUnreadable(error: ParserError, socket: Duplex): void {
  // Gone already, or an answer already begun on it: there is nothing left to say.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent: boolean } })._httpMessage?.headersSent ?? false;
  if (error.code === "ECONNRESET" || !socket.writable || answering) return void socket.destroy();
  const [status, message] = refusal(error);
  const body = JSON.stringify({ id: "bad_request", message });
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, "Content-Type: application/json; charset=utf-8", `Content-Length: ${Buffer.byteLength(body)}`, "Connection: close"];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`, () => socket.destroy());
}

/** The status and message for what Node could not read (internal helper). */
function refusal(error: ParserError): [number, string] {
  if (error.code === "HPE_HEADER_OVERFLOW") return [431, `request headers are larger than ${maxHeaderSize} bytes`];
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, `request not received in time (headers within ${HEADERS_TIMEOUT_MS / 1000} s, the whole request within ${REQUEST_TIMEOUT_MS / 1000} s)`];
  return [400, `request is not valid HTTP: ${(error.reason ?? error.code ?? error.message).toLowerCase()}`];
}
