/**
 * Heroku facts read off one side of a resource change: an add-on's plan, a
 * formation's size and quantity. Risks, cost and policy all ask the same
 * questions, so they ask here.
 */
import { AddonPlanInfo, AddonServiceInfo, DynoSizeInfo, findAddonPlan, findDynoSize } from "../vocabulary";
import { ResourceChange, existsOn, plainAt } from "./plan-model";

export type Side = "before" | "after";

export interface AddonFacts {
  /** `heroku-postgresql:standard-0` as written, or undefined when masked or unknown. */
  readonly spec?: string;
  readonly service?: AddonServiceInfo;
  readonly plan?: AddonPlanInfo;
}

export interface FormationFacts {
  readonly processType?: string;
  readonly sizeName?: string;
  readonly size?: DynoSizeInfo;
  readonly quantity?: number;
}

export function addonOn(change: ResourceChange, side: Side): AddonFacts | undefined {
  if (change.type !== "heroku_addon" || !existsOn(change, side)) return undefined;
  const spec = plainAt(change, side, "plan");
  if (typeof spec !== "string") return {};
  return { spec, ...findAddonPlan(spec) };
}

export function formationOn(change: ResourceChange, side: Side): FormationFacts | undefined {
  if (change.type !== "heroku_formation" || !existsOn(change, side)) return undefined;
  const sizeName = plainAt(change, side, "size");
  const quantity = plainAt(change, side, "quantity");
  const processType = plainAt(change, side, "type");
  return {
    processType: typeof processType === "string" ? processType : undefined,
    sizeName: typeof sizeName === "string" ? sizeName : undefined,
    size: typeof sizeName === "string" ? findDynoSize(sizeName) : undefined,
    quantity: typeof quantity === "number" ? quantity : undefined,
  };
}

/** The app a resource belongs to: the `heroku_app` it refers to, if any. */
export function appOf(change: ResourceChange): string | undefined {
  return change.references.find((r) => r.startsWith("heroku_app."));
}

/** `$50.00`, the one money format of the review. */
export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** `+$50.00`, `-$5.00`, `$0.00`. */
export function signedUsd(amount: number): string {
  return amount > 0 ? `+${usd(amount)}` : amount < 0 ? `-${usd(-amount)}` : usd(0);
}
