/**
 * `dynoform review`: one readable page for a pull request — changes per
 * environment, risks, policy and monthly cost — from saved plans
 * (`--plan`) or from the working tree against a git ref (`--base`).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../../lib/user-error";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { modelFromPlanFiles, modelFromTrees, parsePlanArgument } from "../../review/load-model";
import { POLICY_FILE, loadPolicyConfig } from "../../review/policy-config";
import { FailOn, buildReview, exitCodeFor } from "../../review/review";
import { COMMENT_LIMIT } from "../../review/comment-fit";
import { renderMarkdown } from "../../review/render-markdown";
import { synthesizeProjectTree, synthesizeRef } from "../../review/synthesize";
import type { PlanModel } from "../../review/plan-model";

export const summary = "review a change: per environment what changes, risks, policy and monthly cost (--plan FILE | --base REF)";

const USAGE = `usage: dynoform review (--plan [STACK=]PLAN.json … | --base REF | --base-tree DIR) [--head-tree DIR]
                       [--format md|json] [--full FILE] [--fail-on risk|policy] [--policy FILE]
  --plan       terraform show -json of a saved plan, once per stack (stack named after the file unless STACK= is given)
  --base       git ref to compare the working tree with; both are synthesized, no platform needed
  --base-tree  an already synthesized base tree (a cdktf output folder) instead of --base
  --head-tree  an already synthesized head tree instead of synthesizing the working tree; with --plan,
               the tree the plans were made from, to judge each app by the environment it records
  --format     md (default: for a PR comment, shortened to GitHub's ${COMMENT_LIMIT.toLocaleString("en-US")} characters when longer) or json
  --full       also write the whole Markdown review, however long, to FILE (CI keeps it as an artifact)
  --fail-on    exit 1 when a risk or a policy violation is found (repeat or comma-separate for both)
  --policy     policy file (default: ${POLICY_FILE} in the project, if present)`;

function parseFailOn(values: readonly string[]): FailOn[] {
  const kinds = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const kind of kinds) {
    if (kind !== "risk" && kind !== "policy") throw new UserError(`--fail-on "${kind}" is not risk or policy`);
  }
  return kinds as FailOn[];
}

function loadModel(projectDir: string, values: { plan?: string[]; base?: string; "base-tree"?: string; "head-tree"?: string }): PlanModel {
  const plans = values.plan ?? [];
  const treeMode = values.base !== undefined || values["base-tree"] !== undefined;
  if (plans.length > 0 === treeMode) throw new UserError(`give either --plan or --base/--base-tree\n${USAGE}`);
  if (plans.length > 0) return modelFromPlanFiles(plans.map(parsePlanArgument), values["head-tree"] ? readSynthesizedTree(values["head-tree"]) : []);
  const base = values["base-tree"] ? readSynthesizedTree(values["base-tree"]) : synthesizeRef(projectDir, values.base as string);
  const head = values["head-tree"] ? readSynthesizedTree(values["head-tree"]) : synthesizeProjectTree(projectDir);
  const description = `synthesized ${values["head-tree"] ?? "working tree"} against ${values["base-tree"] ?? values.base}`;
  return modelFromTrees(base, head, description, process.env);
}

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        plan: { type: "string", multiple: true },
        base: { type: "string" },
        "base-tree": { type: "string" },
        "head-tree": { type: "string" },
        format: { type: "string", default: "md" },
        full: { type: "string" },
        "fail-on": { type: "string", multiple: true },
        policy: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.format !== "md" && values.format !== "json") throw new UserError(`--format "${values.format}" is not md or json`, 2);
  if (values.full !== undefined && values.format !== "md") throw new UserError(`--full writes Markdown: it does not go with --format ${values.format}`, 2);
  const failOn = parseFailOn(values["fail-on"] ?? []);
  const projectDir = process.cwd();
  const config = loadPolicyConfig(values.policy ?? join(projectDir, POLICY_FILE), values.policy !== undefined);
  const review = buildReview(loadModel(projectDir, values), config);
  if (values.full !== undefined) writeFileSync(values.full, renderMarkdown(review));
  process.stdout.write(values.format === "json" ? JSON.stringify(review, null, 2) + "\n" : renderMarkdown(review, { limit: COMMENT_LIMIT }));
  return exitCodeFor(review, failOn);
}
