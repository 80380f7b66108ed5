/** Small naming helpers shared by the schema and the rules. */
import { closest } from "../vocabulary";

/** Short service names a file may use instead of Heroku's (`postgres` for `heroku-postgresql`). */
export const ADDON_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  postgres: "heroku-postgresql",
  redis: "heroku-redis",
};

/** Heroku's service name for a service as written in a file. */
export function addonServiceName(written: string): string {
  return ADDON_SERVICE_ALIASES[written] ?? written;
}

/** " (did you mean x?)" when a candidate is close to `value`, else "". */
export function didYouMean(value: unknown, candidates: readonly string[]): string {
  const hint = typeof value === "string" ? nearestTypo(value, candidates) : undefined;
  return hint ? ` (did you mean ${hint}?)` : "";
}

/**
 * `closest()`, with ties between equally distant candidates broken by the
 * smallest slip: `standard-3x` suggests standard-2x, not standard-1x
 * (internal helper).
 */
function nearestTypo(value: string, candidates: readonly string[]): string | undefined {
  const best = closest(value, candidates);
  if (best === undefined) return undefined;
  // A candidate `closest` picks over `best` when listed first is at least as close.
  const tied = candidates.filter((c) => closest(value, [c, best]) === c);
  const slip = (c: string) => [...c].reduce((sum, ch, i) => sum + Math.abs(ch.charCodeAt(0) - (value.charCodeAt(i) || 0)), 0);
  return tied.reduce((a, b) => (slip(b) < slip(a) ? b : a));
}
