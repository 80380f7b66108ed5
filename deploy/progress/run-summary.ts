/**
 * What a run did, once it is over, one block per stack: its changes, or its
 * failure — the resources that failed with Terraform's own error (summary and
 * the first lines of its detail) and the log that has all of it.
 */
import { dirname } from "node:path";
import type { StackFailure, StackProgress } from "./stack-progress";
import { countsText, elapsed, statusText } from "./status-line";

/** How many errors a failed stack names, and how many lines of each one's detail. */
const ERRORS_SHOWN = 3;
const DETAIL_LINES = 2;
const LINE_WIDTH = 200;

const cut = (line: string) => (line.length > LINE_WIDTH ? `${line.slice(0, LINE_WIDTH - 1)}…` : line);

/** A failure in a few lines: `address: summary`, then the detail's first lines (internal helper). */
function failureLines(failure: StackFailure): string[] {
  const detail = failure.detail
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, DETAIL_LINES);
  return [cut(`  ${failure.address ? `${failure.address}: ` : "Error: "}${failure.summary}`), ...detail.map((line) => cut(`    ${line}`))];
}

/** How many changed resources a stack lists, and Terraform's sign for each action. */
const CHANGES_SHOWN = 20;
const SIGNS: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "-/+" };

/** The resources a stack changed (or would), a line each with Terraform's sign: what a person checks before reading a log (internal helper). */
function changeLines(stack: StackProgress): string[] {
  const lines = stack.changes.slice(0, CHANGES_SHOWN).map(({ address, action }) => cut(`  ${SIGNS[action] ?? action} ${address}`));
  if (stack.changes.length > CHANGES_SHOWN) lines.push(`  … and ${stack.changes.length - CHANGES_SHOWN} more (the log has them all)`);
  return lines;
}

/** The lines of the summary; `logPath` names each stack's log. */
export function runSummary(stacks: readonly StackProgress[], logPath: (stack: string) => string): string[] {
  const lines: string[] = [];
  for (const stack of stacks) {
    const took = stack.startedAt !== undefined && stack.endedAt !== undefined ? ` (${elapsed(stack.endedAt - stack.startedAt)})` : "";
    if (stack.phase === "failed") {
      const failures = stack.failures();
      lines.push(`${stack.name}: failed${stack.verb ? ` in terraform ${stack.verb}` : ""}${took}`);
      if (stack.reason) lines.push(cut(`  ${stack.reason}`));
      failures.slice(0, ERRORS_SHOWN).forEach((failure) => lines.push(...failureLines(failure)));
      if (failures.length > ERRORS_SHOWN) lines.push(`  … and ${failures.length - ERRORS_SHOWN} more errors`);
      lines.push(`  full output: ${logPath(stack.name)}`);
      continue;
    }
    if (stack.phase === "done") {
      const counts = stack.verb === "plan" ? stack.planned! : (stack.applied ?? stack.planned!);
      lines.push(`${stack.name}: ${countsText(stack.verb, counts)}${took}`, ...changeLines(stack));
    } else if (stack.phase === "nothing-to-do") lines.push(`${stack.name}: no changes${took}`);
    else if (stack.phase === "waiting") lines.push(`${stack.name}: not started`);
    else lines.push(`${stack.name}: stopped while ${statusText(stack, { resource: false })}`);
    stack.warnings.slice(0, ERRORS_SHOWN).forEach((warning) => lines.push(cut(`  warning: ${warning}`)));
  }
  if (stacks.length > 0) lines.push(`full output: ${stacks.length === 1 ? logPath(stacks[0].name) : `${dirname(logPath(stacks[0].name))}/ (a log per stack)`}`);
  return lines;
}
