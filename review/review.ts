/**
 * A review: the change set with its risks, policy violations and cost,
 * assembled from the plan model. It is plain data, so `--format json` is its
 * serialization and the Markdown renderer only formats it.
 */
import { EstateCost, estateCost } from "./cost";
import { PolicyConfig, isProduction } from "./policy-config";
import { PolicyViolation, policyViolations } from "./policy";
import { ChangeAction, PlanModel, ResourceChange, StackPlan, existsOn } from "./plan-model";
import { appNameOn, environmentOf } from "./resource-facts";
import { Risk, stackRisks } from "./risks";

/** Terraform's counts, and the resources moved to a new address (whatever else happens to them). */
export type ActionCounts = Record<Exclude<ChangeAction, "no-op" | "read"> | "move", number>;

export interface ReviewedStack extends StackPlan {
  /** Production guardrails judge every resource of the stack. */
  readonly production: boolean;
  /** When only some apps of the stack are production: their names. */
  readonly productionApps: readonly string[];
  readonly counts: ActionCounts;
}

export interface Review {
  readonly source: PlanModel["source"];
  readonly counts: ActionCounts;
  readonly stacks: readonly ReviewedStack[];
  readonly risks: readonly Risk[];
  readonly policy: readonly PolicyViolation[];
  readonly cost: EstateCost;
}

/** Why `--fail-on` may end a run non-zero. */
export type FailOn = "risk" | "policy";

function countActions(stacks: readonly StackPlan[]): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, replace: 0, delete: 0, move: 0 };
  for (const change of stacks.flatMap((s) => s.changes)) {
    if (change.action in counts) counts[change.action as keyof ActionCounts]++;
    if (change.previousAddress) counts.move++;
  }
  return counts;
}

/** Do production guardrails judge this resource of the stack? (internal helper) */
function productionTest(stack: StackPlan, config: PolicyConfig): (change: ResourceChange) => boolean {
  return (change) => isProduction(config, environmentOf(stack, change));
}

/** Which of a stack's resources production guardrails judge, as the review shows it (internal helper). */
function reviewedStack(stack: StackPlan, config: PolicyConfig): ReviewedStack {
  const production = productionTest(stack, config);
  const present = stack.changes.filter((c) => c.action !== "read");
  const all = present.length === 0 ? isProduction(config, stack.name) : present.every(production);
  const apps = all ? [] : present.filter((c) => c.type === "heroku_app" && production(c));
  const productionApps = apps.map((c) => appNameOn(c, existsOn(c, "after") ? "after" : "before"));
  return { ...stack, production: all, productionApps, counts: countActions([stack]) };
}

export function buildReview(model: PlanModel, config: PolicyConfig): Review {
  const stacks = model.stacks.map((s) => reviewedStack(s, config));
  return {
    source: model.source,
    counts: countActions(model.stacks),
    stacks,
    risks: model.stacks.flatMap((stack) => stackRisks({ stack, production: productionTest(stack, config) })),
    policy: policyViolations(model.stacks, config),
    cost: estateCost(model.stacks),
  };
}

/** The exit code `--fail-on` asks for: 1 when a chosen kind of finding is present. */
export function exitCodeFor(review: Review, failOn: readonly FailOn[]): number {
  const failing = (failOn.includes("risk") && review.risks.length > 0) || (failOn.includes("policy") && review.policy.length > 0);
  return failing ? 1 : 0;
}
