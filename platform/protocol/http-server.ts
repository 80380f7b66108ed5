import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ApiError } from "./api-error";
import { closeIfBodyStillArriving, readPaced } from "./body-pace";
import { answerUnreadable, CONNECTION_LIMITS } from "./connection-limits";
import { failureLine, type FailureReport, type RequestInfo } from "./failure-log";
import type { FaultInjector, FaultPlan } from "./faults";
import { paginate, parseRange } from "./range";
import { TokenBucket } from "./rate-limit";
import { presentsKey, requestIdOf } from "./request-headers";
import { noRoute, type Router } from "./router";

/** Bodies larger than this are refused before they are read whole. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Serves one kind of request that is not the API; false when the request is not one it serves. */
export type UnauthenticatedHandler = (req: IncomingMessage, res: ServerResponse, report: FailureReport) => boolean | Promise<boolean>;

export interface ProtocolOptions {
  readonly apiKey: string;
  readonly router: Router;
  readonly rateLimit?: TokenBucket;
  /**
   * What is not the API (signed blob URLs, build output streams, the
   * buildpack registry), by path prefix: served without the key, under a
   * token bucket of its own, and only by the handler of its prefix.
   */
  readonly unauthenticated?: Readonly<Record<string, UnauthenticatedHandler>>;
  /** Runs before every API request: the platform finishes what is due, reporting what fails unexpectedly. */
  readonly beforeEach?: (report: FailureReport) => void;
  /** Runs after every API request's handler, before its answer: the platform's servers follow what the request changed. */
  readonly afterEach?: (report: FailureReport) => Promise<void>;
  /** Failures to inject into API requests (tests and benchmarks only). */
  readonly faults?: FaultInjector;
  /**
   * One line per request, written once it is answered (or dropped), and one
   * per unexpected failure, with its stack. @default failures to stderr, no access log
   */
  readonly log?: (line: string) => void;
}

/** Heroku's answer to an account over its rate limit (internal helper). */
function rateLimited(): ApiError {
  return new ApiError(429, "rate_limit", "Your account reached the API rate limit\nPlease wait a few minutes before making new requests");
}

/** Heroku's `{id, message}` for the server errors a fault (or a failure) may answer (internal helper). */
const FAULT_ERRORS: Record<number, [string, string]> = {
  500: ["internal_server_error", "Internal server error."],
  502: ["bad_gateway", "Bad gateway."],
  503: ["service_unavailable", "Service unavailable."],
};

/**
 * The HTTP side of the Platform API: version header, authentication, rate
 * limit, JSON bodies, `{id, message}` errors and Range paging. Handlers only
 * ever see a parsed, authenticated request.
 */
export function createApiServer(options: ProtocolOptions): Server {
  const bucket = options.rateLimit ?? new TokenBucket();
  // Not the account's: on Heroku these are other services (S3, build output streams), and anyone
  // on loopback may call them without the key, so they must never spend the tokens the key's owner has.
  const buckets = { api: bucket, unauthenticated: bucket.sibling() };
  const logFailure = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const server = createServer(CONNECTION_LIMITS, (req, res) => {
    const requestId = requestIdOf(req.headers["request-id"]);
    res.setHeader("Request-Id", requestId);
    const url = parseUrl(req.url);
    const request: RequestInfo = { method: req.method ?? "GET", path: url?.path ?? (req.url ?? "/").split("?")[0], requestId };
    if (options.log) logWhenDone(request, res, options.log);
    const report: FailureReport = (error, doing) => logFailure(failureLine(request, error, doing));
    handle(req, res, url, options, buckets, report).catch((err: unknown) => {
      // An ApiError is an answer; anything else is a bug, logged, and answered as Heroku answers its own.
      if (!(err instanceof ApiError)) report(err);
      const error = err instanceof ApiError ? err : new ApiError(500, ...FAULT_ERRORS[500]);
      if (!res.headersSent && !res.destroyed) send(res, error.status, error.body());
    });
  });
  server.on("clientError", answerUnreadable);
  return server;
}

/** A request's path (still percent-encoded) and query; none for a URL that does not parse (`//`) (internal helper). */
function parseUrl(raw = "/"): ParsedUrl | undefined {
  try {
    const url = new URL(raw, "http://platform");
    return { path: url.pathname, query: url.searchParams };
  } catch {
    return undefined;
  }
}

interface ParsedUrl {
  readonly path: string;
  readonly query: URLSearchParams;
}

async function handle(req: IncomingMessage, res: ServerResponse, url: ParsedUrl | undefined, options: ProtocolOptions, buckets: Buckets, report: FailureReport): Promise<void> {
  // A URL that does not parse names nothing any route or blob serves.
  if (!url) throw noRoute();
  // Refused where it enters, so that no route or handler that decodes a path segment meets one it cannot decode.
  if (!percentDecodable(url.path)) throw ApiError.badRequest(`path ${JSON.stringify(url.path)} is not valid percent-encoding`);
  const unauthenticated = unauthenticatedHandler(options.unauthenticated, url.path);
  if (unauthenticated) {
    spendToken(buckets.unauthenticated, res);
    if (await unauthenticated(req, res, report)) return;
  }
  if (!presentsKey(req.headers.authorization, options.apiKey)) {
    throw new ApiError(401, "unauthorized", "Invalid credentials provided.");
  }
  const fault = options.faults?.decide(req.method ?? "GET", url.path);
  if (fault) await suffer(fault, req, res);
  spendToken(buckets.api, res);
  const accept = req.headers.accept ?? "";
  if (!/application\/vnd\.heroku\+json;\s*version=3/.test(accept)) {
    throw ApiError.badRequest("Please specify a version: add the header `Accept: application/vnd.heroku+json; version=3`.");
  }
  const { handler, params } = options.router.match(req.method ?? "GET", url.path);
  const body = await readJson(req);
  await options.beforeEach?.(report);
  const result = await handler({ params, body, query: url.query });
  await options.afterEach?.(report);
  // A lost response: the change is made, the client never hears of it.
  if (fault?.dropResponse) return void req.socket.destroy();
  if (req.method === "GET" && Array.isArray(result.body)) {
    const page = paginate(result.body as object[], parseRange(req.headers.range as string | undefined, "id"));
    if (page.contentRange) res.setHeader("Content-Range", page.contentRange);
    if (page.nextRange) res.setHeader("Next-Range", page.nextRange);
    return send(res, page.nextRange ? 206 : 200, page.items);
  }
  send(res, result.status ?? 200, result.body);
}

interface Buckets {
  readonly api: TokenBucket;
  readonly unauthenticated: TokenBucket;
}

function percentDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The handler of the prefix a path is under, if any (internal helper). */
function unauthenticatedHandler(handlers: ProtocolOptions["unauthenticated"], path: string): UnauthenticatedHandler | undefined {
  const prefix = Object.keys(handlers ?? {}).find((p) => path.startsWith(p));
  return prefix === undefined ? undefined : handlers?.[prefix];
}

/** Takes a token for this request, or refuses it as Heroku refuses an account over its limit (internal helper). */
function spendToken(bucket: TokenBucket, res: ServerResponse): void {
  const { allowed, remaining } = bucket.take();
  res.setHeader("RateLimit-Remaining", String(remaining));
  if (!allowed) {
    res.setHeader("Retry-After", String(bucket.retryAfterSeconds()));
    throw rateLimited();
  }
}

/**
 * The access log line: what was asked and how it ended. Only the path, never
 * the query, headers or bodies, which may carry config values (internal helper).
 */
function logWhenDone(request: RequestInfo, res: ServerResponse, log: (line: string) => void): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const outcome = res.writableFinished ? String(res.statusCode) : "dropped";
    log(`${new Date().toISOString()} ${request.method} ${request.path} ${outcome} ${ms.toFixed(1)}ms request_id=${request.requestId}`);
  });
}

/** Applies the faults drawn for a request before it is handled (internal helper). */
async function suffer(fault: FaultPlan, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  if (fault.dropRequest) {
    req.socket.destroy();
    throw new ApiError(500, "internal_server_error", "connection dropped");
  }
  if (fault.status === 429) {
    res.setHeader("Retry-After", "1");
    throw rateLimited();
  }
  if (fault.status !== undefined) {
    const [id, message] = FAULT_ERRORS[fault.status];
    throw new ApiError(fault.status, id, message);
  }
}

/** Heroku's answer to a body over MAX_BODY_BYTES (internal helper). */
function tooLarge(): ApiError {
  return new ApiError(413, "request_entity_too_large", "Request body is too large.");
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const body = await readPaced(req, MAX_BODY_BYTES, tooLarge);
  if (body.length === 0) return {};
  const type = req.headers["content-type"] ?? "";
  if (!/json/.test(type)) throw new ApiError(415, "unsupported_media_type", "Content-Type must be application/json.");
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as Record<string, unknown>;
  } catch {
    throw ApiError.badRequest("Invalid JSON in request body.");
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  closeIfBodyStillArriving(res);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ETag: `"${Buffer.from(text).length.toString(16)}-${hash(text)}"`,
  });
  res.end(text);
}

/** A short content hash for ETags (internal helper). */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
