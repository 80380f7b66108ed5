/**
 * Builds the plan model from what the command line names: saved plans, or a
 * base and a head tree.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../lib/user-error";
import { TerraformPlanJson, stackFromPlanJson } from "./from-plan";
import { TreeStack, stacksFromTrees } from "./from-trees";
import { PlanModel, StackPlan, existsOn } from "./plan-model";
import { CdktfJson, blocks } from "./tree-blocks";

export interface PlanFile {
  readonly stack: string;
  readonly file: string;
}

/** `production=plan.json`, or `plan.json` alone for a stack named after the file (`production.json` → production). */
export function parsePlanArgument(argument: string): PlanFile {
  const eq = argument.indexOf("=");
  if (eq > 0) return { stack: argument.slice(0, eq), file: argument.slice(eq + 1) };
  return { stack: basename(argument).replace(/(\.plan)?\.json$/, ""), file: argument };
}

/**
 * A plan does not carry what dynoform records beside an app's attributes;
 * the synthesized tree of the same code does. Its record describes the app
 * as the code has it, so it stands for both sides (internal helper).
 */
function withTreeRecords(stack: StackPlan, tree: TreeStack | undefined): StackPlan {
  if (!tree) return stack;
  const records = blocks(tree.json as CdktfJson);
  const changes = stack.changes.map((change) => {
    const record = records.get(change.address)?.record;
    if (!record) return change;
    return { ...change, record: { before: existsOn(change, "before") ? record : undefined, after: existsOn(change, "after") ? record : undefined } };
  });
  return { ...stack, changes };
}

/** Saved plans, with each app's record taken from `tree` (the synthesized code they were planned from) when given. */
export function modelFromPlanFiles(files: readonly PlanFile[], tree: readonly TreeStack[] = []): PlanModel {
  const stacks = files.map(({ stack, file }) => {
    let json: TerraformPlanJson;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new UserError(`plan ${file}: ${(err as Error).message}`);
    }
    return withTreeRecords(stackFromPlanJson(stack, json), tree.find((t) => t.name === stack));
  });
  return { source: { kind: "plan", description: `terraform plan: ${files.map((f) => `${f.stack} (${basename(f.file)})`).join(", ")}` }, stacks };
}

export function modelFromTrees(base: readonly TreeStack[], head: readonly TreeStack[], description: string, env: NodeJS.ProcessEnv): PlanModel {
  return { source: { kind: "trees", description }, stacks: stacksFromTrees(base, head, env) };
}
