/**
 * Each app's log, as Logplex keeps it: the most recent 1,500 lines, in
 * Heroku's format `timestamp source[dyno]: message` (RFC 5424 time with
 * microseconds). The platform writes its own events there — releases and
 * what made them (config vars, add-ons, deploys, promotions), scaling,
 * restarts — as Heroku's API and dyno manager do (`heroku[api]`,
 * `heroku[web.1]`). Like Logplex, it is a buffer, not storage: it lives in
 * memory, keyed by app id (unique across every platform in a process), and
 * is gone when the platform stops. Log sessions read it and follow it.
 */

/** How many lines Logplex keeps per app. */
export const LOG_LINES_KEPT = 1500;

export interface LogLine {
  readonly at: string;
  readonly source: string;
  readonly dyno: string;
  readonly message: string;
}

type Listener = (line: LogLine) => void;

const lines = new Map<string, LogLine[]>();
const listeners = new Map<string, Set<Listener>>();

/** `2013-10-23T21:33:41.105090+00:00`: RFC 5424 with microseconds, as Heroku writes it (internal helper). */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

/** One line as `heroku logs` prints it. */
export function formatLogLine(line: LogLine): string {
  return `${line.at} ${line.source}[${line.dyno}]: ${line.message}`;
}

/** Appends one line (each line of a multi-line message on its own) to an app's log, dropping the oldest past 1,500. */
export function appendLog(appId: string, source: "app" | "heroku", dyno: string, message: string, date = new Date()): void {
  const log = lines.get(appId) ?? [];
  lines.set(appId, log);
  for (const text of message.split("\n")) {
    const line = { at: timestamp(date), source, dyno, message: text };
    log.push(line);
    for (const listener of listeners.get(appId) ?? []) listener(line);
  }
  if (log.length > LOG_LINES_KEPT) log.splice(0, log.length - LOG_LINES_KEPT);
}

/** An API event of an app, done by the account: `heroku[api]: … by EMAIL`. */
export function logApiEvent(appId: string, message: string, email: string): void {
  appendLog(appId, "heroku", "api", `${message} by ${email}`);
}

/** What a log session asks for: lines from one source, one dyno or process type. */
export interface LogFilter {
  readonly source?: string;
  /** A dyno (`web.1`), a process type (`web`, every `web.N`), or a component (`api`, `router`). */
  readonly dyno?: string;
}

export function matches(line: LogLine, filter: LogFilter): boolean {
  if (filter.source && line.source !== filter.source) return false;
  if (filter.dyno && line.dyno !== filter.dyno && !line.dyno.startsWith(`${filter.dyno}.`)) return false;
  return true;
}

/** The last `count` lines of an app's log that match the filter, oldest first. */
export function recentLogs(appId: string, filter: LogFilter, count: number): LogLine[] {
  const found = (lines.get(appId) ?? []).filter((line) => matches(line, filter));
  return count <= 0 ? [] : found.slice(-count);
}

/** Calls `listener` with each new line of an app's log until the returned function is called. */
export function followLogs(appId: string, listener: Listener): () => void {
  const set = listeners.get(appId) ?? new Set<Listener>();
  listeners.set(appId, set);
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(appId);
  };
}

/** Forgets a deleted app's log. */
export function forgetLogs(appId: string): void {
  lines.delete(appId);
}
