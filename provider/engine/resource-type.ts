/**
 * What one resource or data source type implements. The engine does the
 * rest the way the real provider's SDK does: defaults, computed attributes
 * unknown until apply, replacement when a ForceNew attribute changes, and
 * null kept apart from empty.
 */
import type { HerokuClient } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { PathStep } from "./diagnostics";

/** The provider configuration resources act under (provider block + environment). */
export interface ProviderSettings {
  readonly setAppAllConfigVarsInState: boolean;
  readonly setAddonConfigVarsInState: boolean;
  readonly postAppCreateDelaySeconds: number;
  readonly postDomainCreateDelaySeconds: number;
  readonly postSpaceCreateDelaySeconds: number;
  readonly addonCreateTimeoutMinutes: number;
}

export interface ResourceContext {
  readonly client: HerokuClient;
  readonly settings: ProviderSettings;
  /** Called by a create as soon as the platform has made the object, before waiting on it. */
  readonly created: (id: string) => void;
}

/** A problem found in configuration, before anything is planned. */
export interface ConfigProblem {
  readonly path: readonly PathStep[];
  readonly summary: string;
  /** What the SDK puts under the summary (list sizes: "Attribute x requires 1 item minimum, …"). */
  readonly detail?: string;
}

export interface ResourceType {
  /** Paths whose change replaces the resource (`block.attribute` in nested blocks): its entry of FORCE_NEW. */
  readonly forceNew: readonly string[];
  /** Optional blocks the platform fills in when the configuration leaves them out (SDK: Optional + Computed). */
  readonly computedBlocks?: readonly string[];
  /** Values an optional attribute takes when the configuration leaves it null. */
  readonly defaults?: Readonly<ObjectValue>;
  /** Checks beyond types and required attributes, which Terraform checks itself. */
  validate?(config: ObjectValue): ConfigProblem[];
  /**
   * Adjusts a plan as the SDK's CustomizeDiff does: marks what apply will
   * recompute; returns further attributes (top level) whose change forces replacement.
   */
  customizePlan?(prior: ObjectValue | null, planned: ObjectValue, settings: ProviderSettings): string[] | void;
  create(ctx: ResourceContext, planned: ObjectValue): Promise<ObjectValue>;
  /** The resource as it is now; null when it is gone. */
  read(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue | null>;
  update?(ctx: ResourceContext, prior: ObjectValue, planned: ObjectValue): Promise<ObjectValue>;
  delete(ctx: ResourceContext, state: ObjectValue): Promise<void>;
  /**
   * The id of an object this configuration's create made since `since`,
   * for a create whose response was lost. Only for objects whose create
   * could otherwise be duplicated (apps, add-ons, domains, pipelines).
   */
  findCreated?(ctx: ResourceContext, planned: ObjectValue, since: Date): Promise<string | undefined>;
  /** The state an import id stands for, before it is read. @default `{id}` */
  importState?(ctx: ResourceContext, id: string): Promise<ObjectValue>;
}

export interface DataSourceType {
  validate?(config: ObjectValue): ConfigProblem[];
  read(ctx: ResourceContext, config: ObjectValue): Promise<ObjectValue>;
}

/**
 * Thrown by a create that got as far as making something: the engine saves
 * the partial state so Terraform tracks (and taints) what exists instead of
 * leaving it behind, as the SDK does.
 */
export class PartialCreateError extends Error {
  constructor(
    readonly state: ObjectValue,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
