import { Construct, type IConstruct } from "constructs";
import { Addon as AddonResource } from "../.gen/providers/heroku/addon";
import { AddonAttachment } from "../.gen/providers/heroku/addon-attachment";
import type { AddonFacts } from "../rules";
import { AddonPlan } from "./addon-plan";
import type { IHerokuApp } from "./heroku-app";
import { known } from "./tokens";

/** An add-on, provisioned here or referenced by id or name. */
export interface IAddon extends IConstruct {
  /** The add-on's id (a token until apply for a new one), or its name: Heroku takes either. */
  readonly addonId: string;
}

export interface AddonProps {
  readonly app: IHerokuApp;
  readonly plan: AddonPlan;
  /** Provisioning options passed to the service (e.g. Postgres `version`). @default none */
  readonly config?: Record<string, string>;
  /**
   * The name of the add-on's attachments to other apps (`attachTo`): the
   * prefix of the config vars they get (`PRIMARY_DB` → `PRIMARY_DB_URL`).
   * Its own app gets Heroku's name (DATABASE_URL for the first Postgres).
   * @default Heroku's name for the service
   */
  readonly as?: string;
  /**
   * Protect the add-on from `terraform destroy` and from replacement.
   * @default true for a service that holds data (Postgres, Redis) of a production app, false otherwise
   */
  readonly preventDestroy?: boolean;
}

/** An add-on referenced by id or name, not managed here (internal helper). */
class ImportedAddon extends Construct implements IAddon {
  constructor(
    scope: Construct,
    id: string,
    public readonly addonId: string,
  ) {
    super(scope, id);
  }
}

/**
 * An add-on provisioned for an app. Its credentials (DATABASE_URL, …) are
 * set on the app by Heroku and, with the provider's customizations set by
 * DynoformStack, never copied into Terraform state.
 */
export class Addon extends Construct implements IAddon {
  /** An existing add-on by id. */
  public static fromAddonId(scope: Construct, id: string, addonId: string): IAddon {
    return new ImportedAddon(scope, id, addonId);
  }

  /** An existing add-on by its globally unique name (`postgresql-shaped-12345`). */
  public static fromAddonName(scope: Construct, id: string, name: string): IAddon {
    return new ImportedAddon(scope, id, name);
  }

  public readonly resource: AddonResource;
  public readonly plan: AddonPlan;
  public readonly app: IHerokuApp;
  /** See AddonProps.as. */
  public readonly attachmentName?: string;
  private readonly attachments: Array<{ app: IHerokuApp; as?: string }> = [];
  private readonly version?: string;

  constructor(scope: Construct, id: string, props: AddonProps) {
    super(scope, id);
    this.plan = props.plan;
    this.app = props.app;
    this.attachmentName = props.as;
    this.version = props.config?.version;
    props.plan.warnIfLegacy(this);
    const production = "production" in props.app && props.app.production === true;
    this.resource = new AddonResource(this, "addon", {
      appId: props.app.appId,
      plan: props.plan.spec,
      config: props.config,
      lifecycle: { preventDestroy: props.preventDestroy ?? (production && (props.plan.serviceInfo?.holdsData ?? false)) },
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
    const name = options.as ?? this.attachmentName;
    const id = this.node.tryFindChild(`attachment-${app.node.id}`) ? `attachment-${app.node.id}-${name}` : `attachment-${app.node.id}`;
    this.attachments.push({ app, as: options.as });
    return new AddonAttachment(this, id, { addonId: this.resource.id, appId: app.appId, name, namespace: options.namespace });
  }

  /** The add-on as the rules read it. */
  public facts(): AddonFacts {
    return {
      service: this.plan.service,
      plan: this.plan.plan,
      version: known(this.version),
      as: this.attachmentName,
      attachTo: this.attachments.map(({ app, as }) => ({ app: known(app.appName), as: known(as) })),
    };
  }
}
