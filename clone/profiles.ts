import type { PipelineStageName } from "../vocabulary";

/**
 * How a clone differs from its source, as data. Sizes and plans scale down
 * so a QA or per-PR copy costs little; data add-ons are new and empty (a
 * clone never shares or copies the source's data or secret values).
 */
export interface CloneProfile {
  readonly name: string;
  /** The size every process type gets; undefined keeps the source's sizes and quantities. */
  readonly dynoSize?: "eco" | "basic";
  /** Plans per Heroku service; a service not listed keeps its plan. */
  readonly plans: Readonly<Record<string, string>>;
  /** Custom domains: dropped, or rewritten by a pattern (see `rewriteHostname`). */
  readonly domains: { readonly drop: true } | { readonly pattern: string };
  /** The pipeline stage the clone is coupled in; undefined leaves it out of the pipeline. */
  readonly stage?: PipelineStageName;
}

const SMALL_DATA_PLANS = { "heroku-postgresql": "essential-0", "heroku-redis": "mini" };

export const CLONE_PROFILES: Readonly<Record<string, CloneProfile>> = {
  /** A per-pull-request app: the smallest of everything, in the pipeline's review stage. */
  review: { name: "review", dynoSize: "eco", plans: SMALL_DATA_PLANS, domains: { drop: true }, stage: "review" },
  /** A long-lived QA environment: basic dynos, small data plans, in the development stage. */
  qa: { name: "qa", dynoSize: "basic", plans: SMALL_DATA_PLANS, domains: { drop: true }, stage: "development" },
  /** A full-size copy (load tests, rehearsals): same sizes and plans, its own hostnames, outside the pipeline. */
  mirror: { name: "mirror", plans: {}, domains: { pattern: "{first}-{env}.{rest}" } },
};

/**
 * Rewrites a hostname by a pattern of `{host}` (the whole name), `{first}`
 * (its first label), `{rest}` (the labels after it) and `{env}` (the new
 * environment): `www.example.com` with `{first}-{env}.{rest}` → `www-qa.example.com`.
 */
export function rewriteHostname(pattern: string, host: string, env: string): string {
  const dot = host.indexOf(".");
  return pattern
    .replaceAll("{host}", host)
    .replaceAll("{first}", host.slice(0, dot))
    .replaceAll("{rest}", host.slice(dot + 1))
    .replaceAll("{env}", env);
}
