/**
 * Builds the plan model from what the command line names: saved plans, or a
 * base and a head tree.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../lib/user-error";
import { TerraformPlanJson, stackFromPlanJson } from "./from-plan";
import { TreeStack, stacksFromTrees } from "./from-trees";
import { PlanModel } from "./plan-model";

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

export function modelFromPlanFiles(files: readonly PlanFile[]): PlanModel {
  const stacks = files.map(({ stack, file }) => {
    let json: TerraformPlanJson;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new UserError(`plan ${file}: ${(err as Error).message}`);
    }
    return stackFromPlanJson(stack, json);
  });
  return { source: { kind: "plan", description: `terraform plan: ${files.map((f) => `${f.stack} (${basename(f.file)})`).join(", ")}` }, stacks };
}

export function modelFromTrees(base: readonly TreeStack[], head: readonly TreeStack[], description: string, env: NodeJS.ProcessEnv): PlanModel {
  return { source: { kind: "trees", description }, stacks: stacksFromTrees(base, head, env) };
}
