/**
 * A review: the change set with its risks, policy violations and cost,
 * assembled from the plan model. It is plain data, so `--format json` is its
 * serialization and the Markdown renderer only formats it.
 */
import { EstateCost, estateCost } from "./cost";
import { PolicyConfig, isProduction } from "./policy-config";
import { PolicyViolation, policyViolations } from "./policy";
import { ChangeAction, PlanModel, StackPlan } from "./plan-model";
import { Risk, stackRisks } from "./risks";

export type ActionCounts = Record<Exclude<ChangeAction, "no-op" | "read">, number>;

export interface Review {
  readonly source: PlanModel["source"];
  readonly counts: ActionCounts;
  readonly stacks: ReadonlyArray<StackPlan & { readonly production: boolean; readonly counts: ActionCounts }>;
  readonly risks: readonly Risk[];
  readonly policy: readonly PolicyViolation[];
  readonly cost: EstateCost;
}

/** Why `--fail-on` may end a run non-zero. */
export type FailOn = "risk" | "policy";

function countActions(stacks: readonly StackPlan[]): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const change of stacks.flatMap((s) => s.changes)) {
    if (change.action in counts) counts[change.action as keyof ActionCounts]++;
  }
  return counts;
}

export function buildReview(model: PlanModel, config: PolicyConfig): Review {
  const stacks = model.stacks.map((s) => ({ ...s, production: isProduction(config, s.name), counts: countActions([s]) }));
  return {
    source: model.source,
    counts: countActions(model.stacks),
    stacks,
    risks: stacks.flatMap((stack) => stackRisks({ stack, production: stack.production })),
    policy: policyViolations(model.stacks, config),
    cost: estateCost(model.stacks),
  };
}

/** The exit code `--fail-on` asks for: 1 when a chosen kind of finding is present. */
export function exitCodeFor(review: Review, failOn: readonly FailOn[]): number {
  const failing = (failOn.includes("risk") && review.risks.length > 0) || (failOn.includes("policy") && review.policy.length > 0);
  return failing ? 1 : 0;
}
