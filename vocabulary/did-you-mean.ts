/**
 * "Did you mean" hints, the one implementation every layer uses: the YAML
 * schema, the rules, the enum-like classes and the commands.
 */

/**
 * The candidate nearest to a misspelt name; none when nothing is within a
 * third of the name's length in edits. Ties between equally distant
 * candidates go to the smallest slip: `standard-3x` suggests standard-2x,
 * not standard-1x.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: string[] = [];
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = [candidate];
      bestDistance = d;
    } else if (d === bestDistance && best.length > 0) {
      best.push(candidate);
    }
  }
  if (best.length === 0) return undefined;
  const slip = (c: string) => [...c.toLowerCase()].reduce((sum, ch, i) => sum + Math.abs(ch.charCodeAt(0) - (wanted.charCodeAt(i) || 0)), 0);
  return best.reduce((a, b) => (slip(b) < slip(a) ? b : a));
}

/** " (did you mean x?)" when a candidate is close to `value`, else "". */
export function didYouMean(value: unknown, candidates: readonly string[]): string {
  const hint = typeof value === "string" ? closest(value, candidates) : undefined;
  return hint ? ` (did you mean ${hint}?)` : "";
}

/**
 * The one message for a name outside a closed list: `"standrd-2x" is not a
 * dyno size (did you mean standard-2x?)`, with the value as it was written.
 */
export function notAKnownName(value: unknown, noun: string, candidates: readonly string[]): string {
  return `${JSON.stringify(value)} is not ${noun}${didYouMean(value, candidates)}`;
}

/** Levenshtein distance (internal helper). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
