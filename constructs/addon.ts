import { Construct } from "constructs";
import { Addon as AddonResource } from "../.gen/providers/heroku/addon";
import { AddonAttachment } from "../.gen/providers/heroku/addon-attachment";
import { ATTACHMENT_NAME_PATTERN } from "../vocabulary";
import { AddonPlan } from "./addon-plan";
import type { IHerokuApp } from "./heroku-app";

export interface AddonProps {
  readonly app: IHerokuApp;
  readonly plan: AddonPlan;
  /** Provisioning options passed to the service (e.g. Postgres `version`). @default none */
  readonly config?: Record<string, string>;
  /**
   * Protect the add-on from `terraform destroy` and from replacement.
   * @default true for services that hold data, false otherwise
   */
  readonly preventDestroy?: boolean;
}

/**
 * An add-on provisioned for an app. Its credentials (DATABASE_URL, …) are
 * set on the app by Heroku and, with the provider's customizations set by
 * dynoform's stacks, never copied into Terraform state.
 */
export class Addon extends Construct {
  public readonly resource: AddonResource;
  public readonly plan: AddonPlan;

  constructor(scope: Construct, id: string, props: AddonProps) {
    super(scope, id);
    this.plan = props.plan;
    props.plan.warnIfLegacy(this);
    this.resource = new AddonResource(this, "addon", {
      appId: props.app.appId,
      plan: props.plan.spec,
      config: props.config,
      lifecycle: { preventDestroy: props.preventDestroy ?? props.plan.serviceInfo?.holdsData ?? false },
    });
  }

  public get addonId(): string {
    return this.resource.id;
  }

  /**
   * Attaches the add-on to another app too, under the name `as` (the prefix
   * of the config vars it sets there: `as: "PRIMARY_DB"` → `PRIMARY_DB_URL`).
   */
  public attachTo(app: IHerokuApp, options: { as?: string; namespace?: string } = {}): AddonAttachment {
    if (options.as !== undefined && !ATTACHMENT_NAME_PATTERN.test(options.as)) {
      throw new Error(`attachment name "${options.as}" is not valid: upper case letters, digits and underscores, starting with a letter`);
    }
    return new AddonAttachment(this, `attachment-${app.node.id}`, {
      addonId: this.resource.id,
      appId: app.appId,
      name: options.as,
      namespace: options.namespace,
    });
  }
}
