/**
 * Monthly cost estimates from the vocabulary's list prices: dynos are size
 * price × quantity, add-ons their plan price. Eco is one subscription for the
 * whole account (a shared pool of dyno hours), so it is counted once for the
 * estate, on its own line, whatever number of eco dynos runs.
 */
import { DYNO_SIZES, PRICING_SOURCE } from "../vocabulary";
import { StackPlan, existsOn } from "./plan-model";
import { Side, addonOn, formationOn } from "./resource-facts";

export interface CostLine {
  /** `web: standard-2x × 2`, `heroku-postgresql:standard-0`. */
  readonly item: string;
  readonly address: string;
  readonly monthlyUsd: number;
}

export interface SideCost {
  readonly monthlyUsd: number;
  readonly lines: readonly CostLine[];
  readonly usesEco: boolean;
  /** Resources whose price is not known (a size or plan outside the vocabulary, or a value known only after apply). */
  readonly unpriced: readonly string[];
}

export interface EnvironmentCost {
  readonly environment: string;
  readonly before: SideCost;
  readonly after: SideCost;
  readonly deltaUsd: number;
}

export interface EstateCost {
  readonly environments: readonly EnvironmentCost[];
  /** The eco subscription, counted once for the account when any environment runs eco dynos. */
  readonly eco: { readonly beforeUsd: number; readonly afterUsd: number };
  readonly totalBeforeUsd: number;
  readonly totalAfterUsd: number;
  readonly deltaUsd: number;
  readonly pricing: typeof PRICING_SOURCE;
}

const ECO_SUBSCRIPTION_USD = (DYNO_SIZES.find((s) => s.pricedPerAccount) ?? { monthlyUsd: 0 }).monthlyUsd;

/** One side of one stack (internal helper). */
function sideCost(stack: StackPlan, side: Side): SideCost {
  const lines: CostLine[] = [];
  const unpriced: string[] = [];
  let usesEco = false;
  for (const change of stack.changes) {
    if (!existsOn(change, side)) continue;
    const formation = formationOn(change, side);
    const addon = addonOn(change, side);
    if (formation) {
      if (!formation.size || formation.quantity === undefined) unpriced.push(change.address);
      else if (formation.size.pricedPerAccount) usesEco ||= formation.quantity > 0;
      else lines.push({ item: `${formation.processType}: ${formation.size.name} × ${formation.quantity}`, address: change.address, monthlyUsd: formation.size.monthlyUsd * formation.quantity });
    } else if (addon) {
      if (!addon.plan) unpriced.push(change.address);
      else lines.push({ item: addon.spec as string, address: change.address, monthlyUsd: addon.plan.monthlyUsd });
    }
  }
  return { monthlyUsd: lines.reduce((sum, l) => sum + l.monthlyUsd, 0), lines, usesEco, unpriced };
}

/** Before, after and delta per environment and for the estate. */
export function estateCost(stacks: readonly StackPlan[]): EstateCost {
  const environments = stacks.map((stack) => {
    const before = sideCost(stack, "before");
    const after = sideCost(stack, "after");
    return { environment: stack.name, before, after, deltaUsd: after.monthlyUsd - before.monthlyUsd };
  });
  const eco = {
    beforeUsd: environments.some((e) => e.before.usesEco) ? ECO_SUBSCRIPTION_USD : 0,
    afterUsd: environments.some((e) => e.after.usesEco) ? ECO_SUBSCRIPTION_USD : 0,
  };
  const totalBeforeUsd = environments.reduce((sum, e) => sum + e.before.monthlyUsd, eco.beforeUsd);
  const totalAfterUsd = environments.reduce((sum, e) => sum + e.after.monthlyUsd, eco.afterUsd);
  return { environments, eco, totalBeforeUsd, totalAfterUsd, deltaUsd: totalAfterUsd - totalBeforeUsd, pricing: PRICING_SOURCE };
}
