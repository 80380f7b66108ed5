/**
 * Log sessions: `POST /apps/{app}/log-sessions` answers a `logplex_url`,
 * which `heroku logs` then reads as a server-sent event stream — the app's
 * recent lines (`lines`, at most the 1,500 kept), then, with `tail`, each
 * new one until the client goes. The URL is the session's secret, as
 * Logplex's is: it needs no key, and serves once.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp } from "../state/app-lookup";
import { followLogs, formatLogLine, LOG_LINES_KEPT, matches, recentLogs, type LogFilter, type LogLine } from "../state/app-logs";
import type { PlatformData } from "../state/records";

interface LogSession {
  readonly appId: string;
  readonly filter: LogFilter;
  readonly lines: number;
  readonly tail: boolean;
}

/** Where log sessions are read, below the platform's URL. */
export const LOG_STREAM_PATH = "/log-stream/";

/** Sessions asked for and not yet read; the oldest are dropped past this many. */
const SESSIONS_KEPT = 100;

/** An optional string of the body (internal helper). */
function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw ApiError.invalidParams(`${name} must be a string`);
  return value;
}

/** Registers the log-session route; returns the handler of the streams it hands out. */
export function logRoutes(router: Router, store: JsonStore<PlatformData>, baseUrl: () => string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const sessions = new Map<string, LogSession>();

  router.add("POST", "/apps/{app}/log-sessions", ({ params, body }) => {
    const app = store.read((d) => findApp(d, params.app));
    const lines = body.lines ?? 100;
    if (typeof lines !== "number" || !Number.isInteger(lines) || lines < 0) throw ApiError.invalidParams("lines must be a whole number");
    if (body.tail !== undefined && typeof body.tail !== "boolean") throw ApiError.invalidParams("tail must be true or false");
    // The CLI names a dyno or process type as `dyno`; the schema has `dyno_name` and `type`.
    const dyno = optionalString(body, "dyno") ?? optionalString(body, "dyno_name") ?? optionalString(body, "type");
    const id = randomUUID();
    sessions.set(id, { appId: app.id, filter: { source: optionalString(body, "source"), dyno }, lines: Math.min(lines, LOG_LINES_KEPT), tail: body.tail === true });
    for (const oldest of sessions.keys()) {
      if (sessions.size <= SESSIONS_KEPT) break;
      sessions.delete(oldest);
    }
    const now = new Date().toISOString();
    return { status: 201, body: { id, logplex_url: `${baseUrl()}${LOG_STREAM_PATH}${id}`, created_at: now, updated_at: now } };
  });

  return (req, res) => {
    const id = new URL(req.url ?? "/", "http://platform").pathname.slice(LOG_STREAM_PATH.length);
    const session = req.method === "GET" ? sessions.get(id) : undefined;
    if (!session) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("no such log session\n");
      return true;
    }
    sessions.delete(id);
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    const send = (line: LogLine) => res.write(`data: ${formatLogLine(line)}\n\n`);
    for (const line of recentLogs(session.appId, session.filter, session.lines)) send(line);
    if (!session.tail) {
      res.end();
      return true;
    }
    const stop = followLogs(session.appId, (line) => {
      if (matches(line, session.filter)) send(line);
    });
    res.on("close", stop);
    return true;
  };
}
