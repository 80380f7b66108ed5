/**
 * The review as GitHub-flavoured Markdown, one page for a pull-request
 * comment: summary, risks, policy, cost, a diagram of the estate with the
 * change marked, then the changes per environment attribute by attribute,
 * each environment's in a collapsible section. Unchanged resources are left
 * out. With a limit, `comment-fit.ts` shortens it to fit.
 */
import { CommentParts, FindingList, StackSection, fitComment } from "./comment-fit";
import { EnvironmentCost, EstateCost } from "./cost";
import { estateGraph } from "./estate-graph";
import { AttributeChange, ChangeAction, ResourceChange, ShownValue, changedAttributes, existsOn } from "./plan-model";
import { signedUsd, usd } from "./resource-facts";
import { MERMAID_LIMITS, MermaidDiagram, renderMermaid } from "./render-mermaid";
import { Review, ReviewedStack } from "./review";

/** The marker a sticky PR comment is found by. */
export const COMMENT_MARKER = "<!-- dynoform-review -->";

const SYMBOL: Record<ChangeAction, string> = { create: "+", update: "~", replace: "-/+", delete: "-", "no-op": " ", read: "<=" };
const VERB: Record<ChangeAction, string> = {
  create: "create",
  update: "update in place",
  replace: "replace",
  delete: "destroy",
  "no-op": "no change",
  read: "read",
};

/** Table cells may hold user text: keep pipes and backticks from breaking the table (internal helper). */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "'").replace(/\n/g, " ");
}

function valueCell(v: ShownValue): string {
  switch (v.kind) {
    case "value":
      return `\`${cell(typeof v.value === "string" ? JSON.stringify(v.value) : String(v.value))}\``;
    case "structure":
      return `\`${cell(v.json)}\``;
    case "sensitive":
      return "_(sensitive)_";
    case "unknown":
      return "_(known after apply)_";
    case "absent":
      return "";
  }
}

function countsLine(counts: Review["counts"]): string {
  const moves = counts.move > 0 ? ` · ${counts.move} to move` : "";
  return `${counts.create} to create · ${counts.update} to update · ${counts.replace} to replace · ${counts.delete} to destroy${moves}`;
}

/** `~ update in place: heroku_app.web (moved from heroku_app.app)`; a bare move is a move only (internal helper). */
function heading(change: ResourceChange): string {
  const address = `\`${change.address}\``;
  if (change.action === "no-op") return `#### \`→\` move: \`${change.previousAddress}\` → ${address} (the same remote object under a new address: nothing is destroyed)`;
  const order = change.replaceOrder ? `, ${change.replaceOrder}` : "";
  const moved = change.previousAddress ? ` (moved from \`${change.previousAddress}\`)` : "";
  return `#### \`${SYMBOL[change.action]}\` ${VERB[change.action]}${order}: ${address}${moved}`;
}

function attributeRows(change: ResourceChange): string[] {
  const shownAttributes: readonly AttributeChange[] =
    change.action === "create" || change.action === "delete" ? change.attributes : changedAttributes(change);
  const rows = shownAttributes.map(
    (a) => `| ${cell(a.path)}${a.forcesReplacement ? " **(forces replacement)**" : ""} | ${valueCell(a.before)} | ${valueCell(a.after)} |`,
  );
  return rows.length === 0 ? [] : ["| attribute | before | after |", "|---|---|---|", ...rows];
}

/**
 * The cost table, with every environment's row, those whose cost changes
 * (the others summed in one row), or none (all summed in one row).
 */
function costSection(cost: EstateCost, rows: "all" | "changed" | "none"): string {
  const row = (name: string, before: number, after: number): string => `| ${name} | ${usd(before)} | ${usd(after)} | ${signedUsd(after - before)} |`;
  const shown = (e: EnvironmentCost): boolean => rows === "all" || (rows === "changed" && (e.orphaned === true || e.before.monthlyUsd !== e.after.monthlyUsd));
  const summed = cost.environments.filter((e) => !shown(e));
  const lines = [
    "### Monthly cost",
    "",
    "| environment | before | after | delta |",
    "|---|---:|---:|---:|",
    ...cost.environments.filter(shown).map((e) => row(e.orphaned ? `${e.environment} (orphaned: still billed)` : e.environment, e.before.monthlyUsd, e.after.monthlyUsd)),
  ];
  if (summed.length > 0) {
    const [before, after] = (["before", "after"] as const).map((side) => summed.reduce((total, e) => total + e[side].monthlyUsd, 0));
    const environments = `${summed.length} ${rows === "changed" ? "more " : ""}environment${summed.length === 1 ? "" : "s"}`;
    lines.push(row(rows === "changed" ? `${environments}, cost unchanged` : `${environments} (each in the full review)`, before, after));
  }
  if (cost.eco.beforeUsd > 0 || cost.eco.afterUsd > 0) lines.push(row("eco dynos (one subscription per account)", cost.eco.beforeUsd, cost.eco.afterUsd));
  lines.push(`| **total** | **${usd(cost.totalBeforeUsd)}** | **${usd(cost.totalAfterUsd)}** | **${signedUsd(cost.deltaUsd)}** |`, "");
  const unpriced = cost.environments.flatMap((e) => [...new Set([...e.before.unpriced, ...e.after.unpriced])].map((a) => `${e.environment}: \`${a}\``));
  if (unpriced.length > 0 && rows !== "none") lines.push(`Not priced (size or plan unknown until apply, or not in the price list): ${unpriced.join(", ")}.`, "");
  lines.push(`_List prices in ${cost.pricing.currency} per month, as of ${cost.pricing.asOf}; source: ${cost.pricing.source}._`, "");
  return section(lines);
}

/** Lines as one section of the page, ending in a blank line (internal helper). */
function section(lines: readonly string[]): string {
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n\n";
}

const fenced = (text: string): string[] => ["```mermaid", text.trimEnd(), "```"];

/**
 * The diagram section, best first: the whole estate, then the apps the change
 * touches with the others counted, each while Mermaid can draw it; last, what
 * is left when neither fits (internal helper).
 */
function diagramSections(review: Review): string[] {
  const whole = estateGraph(review.stacks);
  if (whole.groups.length === 0) return [""];
  const heading = "### Diagram";
  const drawable = (d: MermaidDiagram): boolean => d.text.length <= MERMAID_LIMITS.maxTextSize && d.edges <= MERMAID_LIMITS.maxEdges;
  const variants = [
    { diagram: renderMermaid(whole, { legend: true }), caption: [] },
    {
      diagram: renderMermaid(estateGraph(review.stacks, { changedOnly: true }), { legend: true }),
      caption: ["_Only the apps this change touches; the others are counted. `dynoform graph` draws the whole estate._", ""],
    },
  ];
  const drawn = variants.filter((v) => drawable(v.diagram)).map((v) => section([heading, "", ...v.caption, ...fenced(v.diagram.text)]));
  const limits = `at most ${MERMAID_LIMITS.maxEdges} links and ${MERMAID_LIMITS.maxTextSize.toLocaleString("en-US")} characters`;
  const why = drawn.length > 0 ? "left out to fit this comment; the full review has it" : `too large for Mermaid to draw (${limits})`;
  return [...drawn, section([heading, "", `_Not drawn here: ${why}. \`dynoform graph\` prints the whole estate._`])];
}

/** `production`, or `shared (production)` for an app judged by another environment than its stack's (internal helper). */
function where(stack: string, environment: string): string {
  return environment === stack ? stack : `${stack} (${environment})`;
}

/** A stack the code dropped: what keeps running, since nothing will change it (internal helper). */
function orphanSection(stack: ReviewedStack): string[] {
  const left = stack.changes.filter((c) => existsOn(c, "before")).map((c) => `\`${c.address}\``);
  return [
    `### ${stack.name} — orphaned: no longer in the code, left running`,
    "",
    "Nothing will destroy or change these resources; they keep running and billing, unmanaged (see Risks for how to destroy them):",
    left.join(", ") + ".",
    "",
  ];
}

/** A stack's section, its resources in a collapsible block; the brief one without attribute tables (internal helper). */
function stackSection(stack: ReviewedStack): StackSection {
  if (stack.orphaned) {
    const orphan = section(orphanSection(stack));
    return { full: orphan, brief: orphan, changes: true };
  }
  const visible = stack.changes.filter((c) => (c.action !== "no-op" || c.previousAddress) && c.action !== "read");
  const head = [`### ${stack.name} — ${visible.length === 0 ? "no changes" : countsLine(stack.counts)}`, ""];
  if (stack.production) head.push("_Production guardrails apply to this environment._", "");
  else if (stack.productionApps.length > 0) head.push(`_Production guardrails apply to ${stack.productionApps.map((a) => `\`${cell(a)}\``).join(", ")} in this stack._`, "");
  if (visible.length === 0) {
    const unchanged = section(head);
    return { full: unchanged, brief: unchanged, changes: false };
  }
  const details = (tables: boolean): string =>
    section([
      ...head,
      `<details><summary>${visible.length} resource${visible.length === 1 ? "" : "s"}</summary>`,
      "",
      ...visible.flatMap((change) => [heading(change), "", ...(tables ? attributeRows(change) : []), ""]),
      "</details>",
    ]);
  return { full: details(true), brief: details(false), changes: true };
}

export interface MarkdownOptions {
  /** At most this many characters (`COMMENT_LIMIT` for a pull-request comment); default: the whole review. */
  readonly limit?: number;
}

export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const head = section([COMMENT_MARKER, "## dynoform review", "", `_${cell(review.source.description)}_`, "", `**${countsLine(review.counts)}** · monthly cost ${usd(review.cost.totalBeforeUsd)} → ${usd(review.cost.totalAfterUsd)} (${signedUsd(review.cost.deltaUsd)})`]);
  const risks: FindingList = {
    heading: `### Risks (${review.risks.length})`,
    lines: review.risks.map((r) => `- ⚠️ **${r.stack}**${r.address ? ` \`${r.address}\`` : ""} — ${r.reason} (\`${r.rule}\`)`),
    none: "None found.",
    noun: "risks",
  };
  const policy: FindingList = {
    heading: `### Policy (${review.policy.length} violation${review.policy.length === 1 ? "" : "s"})`,
    lines: review.policy.map((v) => `- ❌ **${where(v.stack, v.environment)}** \`${v.address}\` — ${v.message} (\`${v.rule}\`)`),
    none: "All guardrails pass.",
    noun: "policy violations",
  };
  const parts: CommentParts = {
    head,
    findings: [risks, policy],
    costs: [costSection(review.cost, "all"), costSection(review.cost, "changed"), costSection(review.cost, "none")],
    diagrams: diagramSections(review),
    stacks: review.stacks.map(stackSection),
  };
  return fitComment(parts, options.limit ?? Infinity).trimEnd() + "\n";
}
