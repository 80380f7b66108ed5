/**
 * Fault injection, for tests and benchmarks: the failures a client of the
 * real Heroku meets — 429s with Retry-After, 5xx, slow answers, connections
 * dropped before a request is handled or after it was (a lost response) —
 * on chosen endpoints or at random, reproducibly from a seed.
 */

export type FaultKind = "status" | "latency" | "drop-request" | "drop-response";

export interface FaultRule {
  /** What happens to a matching request. */
  readonly kind: FaultKind;
  /** Only requests with this method (GET, POST, …). @default any method */
  readonly method?: string;
  /** Only requests whose path matches this regular expression. @default any path */
  readonly path?: string;
  /** For `status`: 429, 500, 502 or 503. @default 503 */
  readonly status?: number;
  /** For `latency`: added before the request is handled, in ms. @default 100 */
  readonly latencyMs?: number;
  /** Chance that a matching request is hit, 0 to 1. @default 1 */
  readonly probability?: number;
  /** Hits at most this many requests. @default no limit */
  readonly times?: number;
}

export interface FaultOptions {
  /** Seeds the random draws, so a run can be replayed. @default 1 */
  readonly seed?: number;
  readonly rules: readonly FaultRule[];
}

/** What a request suffers, decided once when it arrives. */
export interface FaultPlan {
  readonly latencyMs: number;
  readonly dropRequest: boolean;
  readonly status?: number;
  readonly dropResponse: boolean;
}

const NO_FAULT: FaultPlan = { latencyMs: 0, dropRequest: false, dropResponse: false };

/** Deterministic uniform draws in [0, 1) (mulberry32), for faults and the tests that place them. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly patterns: (RegExp | undefined)[];
  private readonly hits: number[];

  constructor(private readonly options: FaultOptions) {
    for (const rule of options.rules) validateRule(rule);
    this.random = seededRandom(options.seed ?? 1);
    this.patterns = options.rules.map((r) => (r.path === undefined ? undefined : new RegExp(r.path)));
    this.hits = options.rules.map(() => 0);
  }

  /** Draws, for each rule matching the request, whether it strikes. */
  decide(method: string, path: string): FaultPlan {
    if (this.options.rules.length === 0) return NO_FAULT;
    let plan = { ...NO_FAULT } as { -readonly [K in keyof FaultPlan]: FaultPlan[K] };
    this.options.rules.forEach((rule, i) => {
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return;
      if (this.patterns[i] && !this.patterns[i].test(path)) return;
      if (rule.times !== undefined && this.hits[i] >= rule.times) return;
      // Draw for every matching rule, struck or not, so one rule's outcome does not shift another's.
      if (this.random() >= (rule.probability ?? 1)) return;
      this.hits[i] += 1;
      if (rule.kind === "latency") plan.latencyMs += rule.latencyMs ?? 100;
      else if (rule.kind === "drop-request") plan.dropRequest = true;
      else if (rule.kind === "drop-response") plan.dropResponse = true;
      else plan.status ??= rule.status ?? 503;
    });
    return plan;
  }
}

const STATUSES = [429, 500, 502, 503];

function validateRule(rule: FaultRule): void {
  if (!["status", "latency", "drop-request", "drop-response"].includes(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`);
  if (rule.status !== undefined && !STATUSES.includes(rule.status)) throw new Error(`fault status must be one of ${STATUSES.join(", ")}, got ${rule.status}`);
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) throw new Error(`fault probability must be between 0 and 1, got ${rule.probability}`);
  if (rule.path !== undefined) new RegExp(rule.path);
}
