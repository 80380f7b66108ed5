/**
 * Monthly cost estimates from the vocabulary's list prices: dynos are size
 * price × quantity, add-ons their plan price. Eco is one subscription for the
 * whole account (a shared pool of dyno hours), so it is counted once for the
 * estate, on its own line, whatever number of eco dynos runs. Dynos Heroku
 * starts unasked (web on an app's first release) cost like any other.
 */
import { DYNO_SIZES, DynoSizeInfo, PRICING_SOURCE, findDynoSize } from "../vocabulary";
import { ImplicitProcess, ResourceChange, StackPlan, existsOn } from "./plan-model";
import { Side, addonOn, appNameOn, appOf, formationOn } from "./resource-facts";

export interface CostLine {
  /**
   * `web: standard-2x × 2`, `heroku-postgresql:standard-0`; the app is named
   * when its stack holds several, and always for dynos Heroku starts unasked.
   */
  readonly item: string;
  /** The app it is billed to, by name (its address while the name is unknown). */
  readonly app?: string;
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
  /** No longer in the code, still billed: see `StackPlan.orphaned`. */
  readonly orphaned?: true;
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

const IMPLICIT = ", started by Heroku on the first release";

/** The processes an app's record says Heroku runs that no formation of the app declares (internal helper). */
function undeclaredProcesses(stack: StackPlan, app: ResourceChange, side: Side): readonly ImplicitProcess[] {
  if (app.type !== "heroku_app") return [];
  const declared = new Set(stack.changes.filter((c) => c.app === app.address).map((c) => formationOn(c, side)?.processType));
  return (app.record?.[side]?.implicitProcesses ?? []).filter((p) => !declared.has(p.type));
}

/** One side of one stack (internal helper). */
function sideCost(stack: StackPlan, side: Side): SideCost {
  const lines: CostLine[] = [];
  const unpriced: string[] = [];
  let usesEco = false;
  const severalApps = stack.changes.filter((c) => c.type === "heroku_app" && existsOn(c, side)).length > 1;
  const add = (change: ResourceChange, item: string, monthlyUsd: number, note = ""): void => {
    const owner = appOf(stack, change);
    const app = owner && appNameOn(owner, side);
    const named = app && (severalApps || note) ? ` (${app})` : "";
    lines.push({ item: `${item}${named}${note}`, ...(app ? { app } : {}), address: change.address, monthlyUsd });
  };
  const addDynos = (change: ResourceChange, processType: string, size: DynoSizeInfo, quantity: number, note = ""): void => {
    if (size.pricedPerAccount) usesEco ||= quantity > 0;
    else add(change, `${processType}: ${size.name} × ${quantity}`, size.monthlyUsd * quantity, note);
  };
  for (const change of stack.changes) {
    if (!existsOn(change, side)) continue;
    const formation = formationOn(change, side);
    const addon = addonOn(change, side);
    if (formation) {
      if (!formation.size || formation.quantity === undefined) unpriced.push(change.address);
      else addDynos(change, formation.processType ?? change.name, formation.size, formation.quantity);
    } else if (addon) {
      if (!addon.plan) unpriced.push(change.address);
      else add(change, addon.spec as string, addon.plan.monthlyUsd);
    }
    for (const process of undeclaredProcesses(stack, change, side)) {
      const size = findDynoSize(process.size);
      if (!size) unpriced.push(`${change.address} (${process.type}: ${process.size})`);
      else addDynos(change, process.type, size, process.quantity, IMPLICIT);
    }
  }
  return { monthlyUsd: lines.reduce((sum, l) => sum + l.monthlyUsd, 0), lines, usesEco, unpriced };
}

/** Before, after and delta per environment and for the estate. */
export function estateCost(stacks: readonly StackPlan[]): EstateCost {
  const environments = stacks.map((stack) => {
    const before = sideCost(stack, "before");
    const after = sideCost(stack, "after");
    return { environment: stack.name, ...(stack.orphaned ? { orphaned: true as const } : {}), before, after, deltaUsd: after.monthlyUsd - before.monthlyUsd };
  });
  const eco = {
    beforeUsd: environments.some((e) => e.before.usesEco) ? ECO_SUBSCRIPTION_USD : 0,
    afterUsd: environments.some((e) => e.after.usesEco) ? ECO_SUBSCRIPTION_USD : 0,
  };
  const totalBeforeUsd = environments.reduce((sum, e) => sum + e.before.monthlyUsd, eco.beforeUsd);
  const totalAfterUsd = environments.reduce((sum, e) => sum + e.after.monthlyUsd, eco.afterUsd);
  return { environments, eco, totalBeforeUsd, totalAfterUsd, deltaUsd: totalAfterUsd - totalBeforeUsd, pricing: PRICING_SOURCE };
}
