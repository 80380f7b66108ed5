/**
 * Reads the platform's access log (`ISO METHOD PATH STATUS ms request_id=…`,
 * one line per request, written when the answer ends) for the apply bench:
 * which resource type each request served, judged by its path alone, and
 * which request shapes dominate, so a missed goal can be explained.
 */

export type Kind = "app" | "build" | "formation" | "domain" | "addon";
export const KINDS: readonly Kind[] = ["app", "build", "formation", "domain", "addon"];

export interface LoggedRequest {
  readonly kind: Kind;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** When the platform started and ended the answer, in ms since the epoch. */
  readonly start: number;
  readonly end: number;
}

/** Which resource type an API request serves, by its path; undefined for what is not the Platform API. */
export function kindOf(path: string): Kind | undefined {
  if (/^\/blobs\/|^\/build-output\//.test(path)) return undefined; // the blob store is not the Platform API
  if (/\/(builds|sources|slugs)(\/|$)|^\/sources$/.test(path)) return "build";
  if (/\/formation(\/|$)|\/dynos(\/|$)/.test(path)) return "formation";
  if (/\/(domains|sni-endpoints)(\/|$)/.test(path)) return "domain";
  if (/\/addons?(\/|$)|^\/addons|\/addon-attachments/.test(path)) return "addon";
  return "app";
}

export function parseLine(line: string): LoggedRequest | undefined {
  const [iso, method, path, status, ms] = line.split(" ");
  const kind = kindOf(path);
  if (!kind) return undefined;
  const end = Date.parse(iso);
  return { kind, method, path, status: Number(status), start: end - parseFloat(ms), end };
}

/** A path with its ids and names replaced, so requests of one shape count together. */
function shape(r: LoggedRequest): string {
  const path = r.path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "{id}")
    .replace(/\/apps\/[^/]+/, "/apps/{app}")
    .replace(/\/domains\/[^/]+/, "/domains/{domain}");
  return `${r.method} ${path}`;
}

/** The most frequent request shapes with their counts, e.g. "GET /apps/{app} 300". */
export function topShapes(requests: readonly LoggedRequest[], limit = 8): string {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(shape(r), (counts.get(shape(r)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([s, c]) => `${s} ${c}`).join("; ");
}

/** The most requests matching `match` that were being answered at one instant. */
export function maxConcurrent(requests: readonly LoggedRequest[], match: (r: LoggedRequest) => boolean): number {
  const edges = requests.filter(match).flatMap((r) => [[r.start, 1], [r.end, -1]] as const);
  // At equal times the end goes first: one request finishing as the next starts is not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, delta] of edges) most = Math.max(most, (now += delta));
  return most;
}
