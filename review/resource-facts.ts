/**
 * Heroku facts read off one side of a resource change: an add-on's plan, a
 * formation's size and quantity. Risks, cost and policy all ask the same
 * questions, so they ask here.
 */
import { secretLookingMessage, type SecretHome } from "../rules";
import { AddonPlanInfo, AddonServiceInfo, DynoSizeInfo, findAddonPlan, findDynoSize } from "../vocabulary";
import { ResourceChange, StackPlan, existsOn, plainAt } from "./plan-model";

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

/**
 * The plain attributes a credential may hide in, by resource type, and where
 * it belongs instead: the provider's config var maps (their `sensitive_*`
 * twins are masked by the schema), a log drain's `url` (`sensitive_url` is
 * the twin) and a telemetry drain's `headers` (a header from a sensitive
 * variable is masked as such).
 */
const PLAIN_SECRET_PLACES: Readonly<Record<string, { readonly attribute: string; readonly map: boolean; readonly home: SecretHome }>> = {
  heroku_app: { attribute: "config_vars", map: true, home: "config" },
  heroku_app_config_association: { attribute: "vars", map: true, home: "config" },
  heroku_config: { attribute: "vars", map: true, home: "config" },
  heroku_pipeline_config_var: { attribute: "vars", map: true, home: "config" },
  heroku_drain: { attribute: "url", map: false, home: "value" },
  heroku_telemetry_drain: { attribute: "headers", map: true, home: "value" },
};

export interface SecretLookingValue {
  /** A config var by its key (`PAYMENTS`), any other value by its attribute path (`url`, `headers.x-api-key`). */
  readonly name: string;
  /** What it looks like (`a Stripe live key`): see rules/secret-looking.ts. */
  readonly looksLike: string;
  /** Added or changed by this change. */
  readonly changed: boolean;
  /** Where it belongs instead: secrets:, or a `{ secret: KEY }`. */
  readonly home: SecretHome;
}

/** The plain values on that side that were masked because they look like secrets. */
export function secretLookingValues(change: ResourceChange, side: Side): SecretLookingValue[] {
  const place = PLAIN_SECRET_PLACES[change.type];
  if (!place || !existsOn(change, side)) return [];
  return change.attributes.flatMap((a) => {
    const shown = a[side];
    const key = place.map && a.path.startsWith(`${place.attribute}.`) ? a.path.slice(place.attribute.length + 1) : undefined;
    const inPlace = place.map ? key !== undefined && !key.includes(".") : a.path === place.attribute;
    if (!inPlace || shown.kind !== "sensitive" || !shown.looksLike) return [];
    return [{ name: place.home === "config" ? (key as string) : a.path, looksLike: shown.looksLike, changed: a.changed, home: place.home }];
  });
}

/** What a risk or a violation says of a secret-looking plain value: `PAYMENTS looks like a secret (a Stripe live key): move it to secrets:`. */
export function secretLookingReason(value: SecretLookingValue): string {
  return `${value.name} ${secretLookingMessage(value.looksLike, value.home)}`;
}

/** The `heroku_app` change a resource belongs to: itself for an app, else the app its `app_id` refers to. */
export function appOf(stack: StackPlan, change: ResourceChange): ResourceChange | undefined {
  return change.type === "heroku_app" ? change : stack.changes.find((c) => c.address === change.app);
}

/** The app's name on that side, or its address while the name is not known. */
export function appNameOn(app: ResourceChange, side: Side): string {
  const name = plainAt(app, side, "name");
  return typeof name === "string" ? name : app.address;
}

/**
 * The environment whose rules judge a resource: the one its app records
 * (several apps of one stack may belong to different environments), else
 * the stack's own, as for trees from before apps recorded it.
 */
export function environmentOf(stack: StackPlan, change: ResourceChange): string {
  const record = appOf(stack, change)?.record;
  return record?.after?.environment ?? record?.before?.environment ?? stack.name;
}

/** `$50.00`, the one money format of the review. */
export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** `+$50.00`, `-$5.00`, `$0.00`. */
export function signedUsd(amount: number): string {
  return amount > 0 ? `+${usd(amount)}` : amount < 0 ? `-${usd(-amount)}` : usd(0);
}
