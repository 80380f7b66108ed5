/**
 * The review as GitHub-flavoured Markdown, one page for a pull-request
 * comment: summary, risks, policy, cost, then the changes per environment
 * attribute by attribute. Unchanged resources are left out.
 */
import { EstateCost } from "./cost";
import { AttributeChange, ChangeAction, ResourceChange, ShownValue, changedAttributes, existsOn } from "./plan-model";
import { signedUsd, usd } from "./resource-facts";
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

function costSection(cost: EstateCost): string[] {
  const row = (name: string, before: number, after: number): string => `| ${name} | ${usd(before)} | ${usd(after)} | ${signedUsd(after - before)} |`;
  const lines = [
    "### Monthly cost",
    "",
    "| environment | before | after | delta |",
    "|---|---:|---:|---:|",
    ...cost.environments.map((e) => row(e.orphaned ? `${e.environment} (orphaned: still billed)` : e.environment, e.before.monthlyUsd, e.after.monthlyUsd)),
  ];
  if (cost.eco.beforeUsd > 0 || cost.eco.afterUsd > 0) lines.push(row("eco dynos (one subscription per account)", cost.eco.beforeUsd, cost.eco.afterUsd));
  lines.push(`| **total** | **${usd(cost.totalBeforeUsd)}** | **${usd(cost.totalAfterUsd)}** | **${signedUsd(cost.deltaUsd)}** |`, "");
  const unpriced = cost.environments.flatMap((e) => [...new Set([...e.before.unpriced, ...e.after.unpriced])].map((a) => `${e.environment}: \`${a}\``));
  if (unpriced.length > 0) lines.push(`Not priced (size or plan unknown until apply, or not in the price list): ${unpriced.join(", ")}.`, "");
  lines.push(`_List prices in ${cost.pricing.currency} per month, as of ${cost.pricing.asOf}; source: ${cost.pricing.source}._`, "");
  return lines;
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

export function renderMarkdown(review: Review): string {
  const lines = [COMMENT_MARKER, "## dynoform review", "", `_${cell(review.source.description)}_`, "", `**${countsLine(review.counts)}** · monthly cost ${usd(review.cost.totalBeforeUsd)} → ${usd(review.cost.totalAfterUsd)} (${signedUsd(review.cost.deltaUsd)})`, ""];

  lines.push(`### Risks (${review.risks.length})`, "");
  if (review.risks.length === 0) lines.push("None found.", "");
  else lines.push(...review.risks.map((r) => `- ⚠️ **${r.stack}**${r.address ? ` \`${r.address}\`` : ""} — ${r.reason} (\`${r.rule}\`)`), "");

  lines.push(`### Policy (${review.policy.length} violation${review.policy.length === 1 ? "" : "s"})`, "");
  if (review.policy.length === 0) lines.push("All guardrails pass.", "");
  else lines.push(...review.policy.map((v) => `- ❌ **${where(v.stack, v.environment)}** \`${v.address}\` — ${v.message} (\`${v.rule}\`)`), "");

  lines.push(...costSection(review.cost));

  for (const stack of review.stacks) {
    if (stack.orphaned) {
      lines.push(...orphanSection(stack));
      continue;
    }
    const visible = stack.changes.filter((c) => (c.action !== "no-op" || c.previousAddress) && c.action !== "read");
    lines.push(`### ${stack.name} — ${visible.length === 0 ? "no changes" : countsLine(stack.counts)}`, "");
    if (stack.production) lines.push("_Production guardrails apply to this environment._", "");
    else if (stack.productionApps.length > 0) lines.push(`_Production guardrails apply to ${stack.productionApps.map((a) => `\`${cell(a)}\``).join(", ")} in this stack._`, "");
    for (const change of visible) lines.push(heading(change), "", ...attributeRows(change), "");
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
