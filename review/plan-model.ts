/**
 * A change set as data, the way Terraform core treats a plan: per stack
 * (one stack per environment), the resource changes with their typed action
 * and attribute values before and after. Both inputs — a saved plan from
 * `terraform show -json` and a diff of two synthesized trees — produce this
 * model, and everything after (risks, cost, policy, rendering) reads only it.
 *
 * Secrets never enter the model: values are masked when it is built, so no
 * renderer can leak what it never received.
 */

/** What happens to one resource. `replace` is a delete and a create, in either order. */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "no-op" | "read";

/** Terraform's two replacement orders (`["delete","create"]` vs `["create","delete"]`). */
export type ReplaceOrder = "delete-before-create" | "create-before-destroy";

/**
 * One attribute value as a reviewer may see it. A `sensitive` or `unknown`
 * value carries no content at all; `absent` is an attribute not set on that side.
 */
export type ShownValue =
  | { readonly kind: "value"; readonly value: string | number | boolean | null }
  /** An empty map or list, or a whole list or map shown as one (compact JSON). */
  | { readonly kind: "structure"; readonly json: string }
  /**
   * `looksLike` says why a value nothing else marked secret was masked all
   * the same: it looks like a credential (`a Stripe live key`). It names the
   * shape, never the content, so risks and policy can report a plain value
   * that should have been a secret.
   */
  | { readonly kind: "sensitive"; readonly looksLike?: string }
  | { readonly kind: "unknown" }
  | { readonly kind: "absent" };

export const SENSITIVE: ShownValue = { kind: "sensitive" };
export const UNKNOWN: ShownValue = { kind: "unknown" };
export const ABSENT: ShownValue = { kind: "absent" };

export function shown(value: string | number | boolean | null): ShownValue {
  return { kind: "value", value };
}

export function structure(value: object): ShownValue {
  return { kind: "structure", json: JSON.stringify(value) };
}

/**
 * One leaf attribute: maps and nested blocks are flattened to dotted paths
 * (`config_vars.FLASK_ENV`, `organization.0.name`) so a single key of a map
 * can change, or be masked, on its own.
 */
export interface AttributeChange {
  readonly path: string;
  readonly before: ShownValue;
  readonly after: ShownValue;
  /** Decided on the raw values before masking, so a changed secret shows as changed. */
  readonly changed: boolean;
  /** The provider replaces the resource when this attribute changes (ForceNew). */
  readonly forcesReplacement: boolean;
}

export interface ResourceChange {
  /** `heroku_app.web`, as Terraform addresses it within its stack. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly action: ChangeAction;
  readonly replaceOrder?: ReplaceOrder;
  /** Every leaf attribute on either side, changed or not (risks and cost read unchanged ones too). */
  readonly attributes: readonly AttributeChange[];
  /** Addresses this resource's configuration refers to (`heroku_app.web`). */
  readonly references: readonly string[];
  /** The `heroku_app` its `app_id` refers to: the app a formation, add-on or domain belongs to. */
  readonly app?: string;
  /** The app of another stack its `app_id` refers to: a pipeline coupling's app, in the pipeline's own stack. */
  readonly foreignApp?: ForeignApp;
  /** Where Terraform moves it from (a `moved` block): the same remote object under a new address. */
  readonly previousAddress?: string;
  /** What dynoform recorded beside a `heroku_app`'s attributes, per side; absent for older trees and bare plans. */
  readonly record?: { readonly before?: AppRecord; readonly after?: AppRecord };
  /** `lifecycle.prevent_destroy` before and after; undefined when the input does not say. */
  readonly preventDestroy?: { readonly before: boolean; readonly after: boolean };
}

/**
 * An app outside the stack: another stack's, through cdktf's cross-stack
 * reference (`address` when that stack's output says which of its apps), or
 * one a `data.heroku_app` looks up by `name`.
 */
export type ForeignApp = { readonly stack: string; readonly address?: string } | { readonly name: string };

/** A process type Heroku runs although no formation resource declares it. */
export interface ImplicitProcess {
  readonly type: string;
  readonly size: string;
  readonly quantity: number;
}

/**
 * What dynoform's constructs write under `"//".dynoform` of a `heroku_app`
 * in cdk.tf.json; Terraform ignores it.
 */
export interface AppRecord {
  /** The environment whose rules judge the app and what hangs on it. */
  readonly environment?: string;
  /** Dynos Heroku starts on its own: `web` on the first release of an app whose code scales other types only. */
  readonly implicitProcesses?: readonly ImplicitProcess[];
}

/** A Terraform input variable of a stack; secrets are sensitive variables fed at deploy time. */
export interface VariableInfo {
  readonly name: string;
  readonly sensitive: boolean;
  /** A default, or a value in the plan: something the deploy will take the value from. */
  readonly hasValueSource: boolean;
  /** The variable did not exist in the base (tree diffs only; plans cannot tell). */
  readonly added: boolean;
}

export interface StackPlan {
  /** The stack, which dynoform names after its environment (`production`). */
  readonly name: string;
  readonly changes: readonly ResourceChange[];
  readonly variables: readonly VariableInfo[];
  /**
   * Deployed from the base but no longer synthesized: no deploy touches it,
   * so its resources stay as they are (each change a no-op).
   */
  readonly orphaned?: boolean;
}

export interface PlanModel {
  /** Where the change set came from, for the review's header. */
  readonly source: { readonly kind: "plan" | "trees"; readonly description: string };
  readonly stacks: readonly StackPlan[];
}

/** The attribute at `path` on one side of a change; `absent` when there is none. */
export function valueAt(change: ResourceChange, side: "before" | "after", path: string): ShownValue {
  return change.attributes.find((a) => a.path === path)?.[side] ?? ABSENT;
}

/** The plain content of an attribute, or undefined when it is masked, unknown or absent. */
export function plainAt(change: ResourceChange, side: "before" | "after", path: string): string | number | boolean | null | undefined {
  const v = valueAt(change, side, path);
  return v.kind === "value" ? v.value : undefined;
}

/** Does the resource exist on that side of the change? */
export function existsOn(change: ResourceChange, side: "before" | "after"): boolean {
  if (change.action === "read") return false;
  return side === "before" ? change.action !== "create" : change.action !== "delete";
}

/** The attributes that differ between before and after. */
export function changedAttributes(change: ResourceChange): AttributeChange[] {
  return change.attributes.filter((a) => a.changed);
}
