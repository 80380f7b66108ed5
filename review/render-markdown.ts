/**
 * The review as GitHub-flavoured Markdown, one page for a pull-request
 * comment: summary, risks, policy, cost, then the changes per environment
 * attribute by attribute. Unchanged resources are left out.
 */
import { EstateCost } from "./cost";
import { AttributeChange, ChangeAction, ResourceChange, ShownValue, changedAttributes } from "./plan-model";
import { signedUsd, usd } from "./resource-facts";
import { Review } from "./review";

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
  return `${counts.create} to create · ${counts.update} to update · ${counts.replace} to replace · ${counts.delete} to destroy`;
}

function attributeRows(change: ResourceChange): string[] {
  const shownAttributes: readonly AttributeChange[] =
    change.action === "update" || change.action === "replace" ? changedAttributes(change) : change.attributes;
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
    ...cost.environments.map((e) => row(e.environment, e.before.monthlyUsd, e.after.monthlyUsd)),
  ];
  if (cost.eco.beforeUsd > 0 || cost.eco.afterUsd > 0) lines.push(row("eco dynos (one subscription per account)", cost.eco.beforeUsd, cost.eco.afterUsd));
  lines.push(`| **total** | **${usd(cost.totalBeforeUsd)}** | **${usd(cost.totalAfterUsd)}** | **${signedUsd(cost.deltaUsd)}** |`, "");
  const unpriced = cost.environments.flatMap((e) => [...new Set([...e.before.unpriced, ...e.after.unpriced])].map((a) => `${e.environment}: \`${a}\``));
  if (unpriced.length > 0) lines.push(`Not priced (size or plan unknown until apply, or not in the price list): ${unpriced.join(", ")}.`, "");
  lines.push(`_List prices in ${cost.pricing.currency} per month, as of ${cost.pricing.asOf}; source: ${cost.pricing.source}._`, "");
  return lines;
}

export function renderMarkdown(review: Review): string {
  const lines = [COMMENT_MARKER, "## dynoform review", "", `_${cell(review.source.description)}_`, "", `**${countsLine(review.counts)}** · monthly cost ${usd(review.cost.totalBeforeUsd)} → ${usd(review.cost.totalAfterUsd)} (${signedUsd(review.cost.deltaUsd)})`, ""];

  lines.push(`### Risks (${review.risks.length})`, "");
  if (review.risks.length === 0) lines.push("None found.", "");
  else lines.push(...review.risks.map((r) => `- ⚠️ **${r.stack}** \`${r.address}\` — ${r.reason} (\`${r.rule}\`)`), "");

  lines.push(`### Policy (${review.policy.length} violation${review.policy.length === 1 ? "" : "s"})`, "");
  if (review.policy.length === 0) lines.push("All guardrails pass.", "");
  else lines.push(...review.policy.map((v) => `- ❌ **${v.stack}** \`${v.address}\` — ${v.message} (\`${v.rule}\`)`), "");

  lines.push(...costSection(review.cost));

  for (const stack of review.stacks) {
    const visible = stack.changes.filter((c) => c.action !== "no-op" && c.action !== "read");
    lines.push(`### ${stack.name} — ${visible.length === 0 ? "no changes" : countsLine(stack.counts)}`, "");
    if (stack.production) lines.push("_Production guardrails apply to this environment._", "");
    for (const change of visible) {
      const order = change.replaceOrder ? `, ${change.replaceOrder}` : "";
      lines.push(`#### \`${SYMBOL[change.action]}\` ${VERB[change.action]}${order}: \`${change.address}\``, "", ...attributeRows(change), "");
    }
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
