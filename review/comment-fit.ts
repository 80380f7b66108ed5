/**
 * Fits a review into one pull-request comment. GitHub refuses a comment
 * longer than 65,536 characters, so a review of a large change gives up its
 * details in a fixed order, each step only while it still does not fit:
 *
 * 1. the attribute tables of the largest stacks, one stack at a time;
 * 2. the diagram, to the changed apps only, then altogether;
 * 3. the cost rows of environments whose cost does not change (one row sums them);
 * 4. the per-stack sections, those without changes first, then the largest;
 * 5. the other cost rows, all summed in one;
 *    (what room a step freed beyond the need goes back to the smallest stacks' sections and tables)
 * 6. last, risks and policy lines, as many of each, cut with a count of those left out.
 *
 * The summary, risks, policy and cost come first and go last. A shortened
 * comment says what it left out and where the full review is.
 */

/** GitHub's limit on a comment's body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 600;

/** Risks or policy violations: a heading and one line each. */
export interface FindingList {
  readonly heading: string;
  readonly lines: readonly string[];
  /** What the section says when there are none. */
  readonly none: string;
  /** `risks`, `policy violations`: what a count of lines left out names. */
  readonly noun: string;
}

/** A stack's section, with and without its attribute tables. */
export interface StackSection {
  readonly full: string;
  readonly brief: string;
  /** Something in the stack changes: a section that says more than "no changes". */
  readonly changes: boolean;
}

/** A review's Markdown in the pieces a fit may shorten, each rendered. */
export interface CommentParts {
  /** Marker, title, source, counts: always kept. */
  readonly head: string;
  readonly findings: readonly FindingList[];
  /** The cost section: every row, the rows that change, none (totals only). */
  readonly costs: readonly [string, string, string];
  /** The diagram section, best first; the last is what remains when none fits (maybe empty). */
  readonly diagrams: readonly string[];
  readonly stacks: readonly StackSection[];
}

function findingText(list: FindingList, shown: number): string {
  if (list.lines.length === 0) return `${list.heading}\n\n${list.none}\n\n`;
  const more = list.lines.length - shown;
  const cut = more > 0 ? `\n- … and ${more} more ${list.noun}: see the full review` : "";
  return `${list.heading}\n\n${list.lines.slice(0, shown).join("\n")}${cut}\n\n`;
}

/** The state of a fit: which version of each piece is in (internal helper). */
interface Choice {
  findings: number[];
  cost: number;
  diagram: number;
  stacks: string[];
}

function join(parts: CommentParts, choice: Choice, note: string): string {
  return [parts.head, note, ...parts.findings.map((f, i) => findingText(f, choice.findings[i])), parts.costs[choice.cost], parts.diagrams[choice.diagram] ?? "", ...choice.stacks].join("");
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The review in at most `limit` characters (JavaScript string length, which
 * is never less than GitHub's count). `limit` Infinity keeps everything.
 */
export function fitComment(parts: CommentParts, limit: number): string {
  const choice: Choice = { findings: parts.findings.map((f) => f.lines.length), cost: 0, diagram: 0, stacks: parts.stacks.map((s) => s.full) };
  const full = join(parts, choice, "");
  if (full.length <= limit) return full;

  const budget = limit - NOTE_ROOM;
  let total = full.length;
  /** Puts another version of stack `i` in (internal helper). */
  const setStack = (i: number, text: string): void => {
    total += text.length - choice.stacks[i].length;
    choice.stacks[i] = text;
  };

  // 1. Attribute tables, largest stack first.
  const bySize = parts.stacks.map((_, i) => i).sort((a, b) => parts.stacks[b].full.length - parts.stacks[a].full.length);
  for (const i of bySize) if (total > budget) setStack(i, parts.stacks[i].brief);

  // 2. The diagram: the changed apps only, then none.
  while (total > budget && choice.diagram < parts.diagrams.length - 1) {
    total -= parts.diagrams[choice.diagram].length - parts.diagrams[choice.diagram + 1].length;
    choice.diagram++;
  }

  /** Puts cost variant `to` in (internal helper). */
  const setCost = (to: number): void => {
    total += parts.costs[to].length - parts.costs[choice.cost].length;
    choice.cost = to;
  };

  // 3. Cost rows that do not change.
  if (total > budget) setCost(1);

  // 4. Whole stack sections: those that only say "no changes", then the largest.
  for (const i of [...bySize.filter((i) => !parts.stacks[i].changes), ...bySize.filter((i) => parts.stacks[i].changes)]) {
    if (total > budget) setStack(i, "");
  }

  // 5. The other cost rows.
  if (total > budget) setCost(2);

  // What room the last step freed beyond the need goes back, smallest stacks with changes first: sections, then their tables.
  const smallestFirst = [...bySize].reverse().sort((a, b) => Number(parts.stacks[b].changes) - Number(parts.stacks[a].changes));
  for (const version of ["brief", "full"] as const) {
    for (const i of smallestFirst) {
      const grow = parts.stacks[i][version].length - choice.stacks[i].length;
      if (grow > 0 && total + grow <= budget) setStack(i, parts.stacks[i][version]);
    }
  }

  // 6. Risks and policy lines: each list keeps its first `keep` lines, as many as still fit.
  if (total > budget) {
    const rest = total - parts.findings.reduce((sum, list) => sum + findingText(list, list.lines.length).length, 0);
    const size = (keep: number): number => rest + parts.findings.reduce((sum, list) => sum + findingText(list, Math.min(keep, list.lines.length)).length, 0);
    let [low, high] = [0, Math.max(...parts.findings.map((list) => list.lines.length))];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (size(mid) <= budget) low = mid;
      else high = mid - 1;
    }
    choice.findings = parts.findings.map((list) => Math.min(low, list.lines.length));
    total = size(low);
  }

  const tables = parts.stacks.filter((s, i) => choice.stacks[i] === s.brief && s.brief !== s.full).length;
  const dropped = choice.stacks.filter((text) => text === "").length;
  const leftOut = [
    ...(tables > 0 ? [`the attribute tables of ${plural(tables, "stack", "stacks")}`] : []),
    ...(choice.diagram === 0 ? [] : [choice.diagram === parts.diagrams.length - 1 ? "the diagram" : "the diagram's unchanged apps"]),
    ...[[], ["the cost rows that do not change"], ["the cost per environment"]][choice.cost],
    ...(dropped > 0 ? [`the sections of ${plural(dropped, "stack", "stacks")}`] : []),
    ...parts.findings.flatMap((list, i) => {
      const cut = list.lines.length - choice.findings[i];
      return cut > 0 ? [plural(cut, list.noun.replace(/s$/, ""), list.noun)] : [];
    }),
  ];
  const note =
    `> ✂️ **Shortened to fit a pull-request comment** (at most ${limit.toLocaleString("en-US")} characters; the full review has ${full.length.toLocaleString("en-US")}): ` +
    `left out here are ${leftOut.join(", ")}. The full review is this workflow run's \`dynoform-review\` artifact; \`dynoform review --full FILE\` writes it.\n\n`;
  return join(parts, choice, note);
}
