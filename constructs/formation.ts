import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { Formation as FormationResource } from "../.gen/providers/heroku/formation";
import { PROCESS_TYPE_PATTERN } from "../vocabulary";
import { DynoSize } from "./dyno-size";
import type { IHerokuApp } from "./heroku-app";

export interface ProcessTypeOptions {
  /** @default DynoSize.STANDARD_1X */
  readonly size?: DynoSize;
  /** How many dynos run. @default 1 */
  readonly quantity?: number;
}

export interface FormationProps {
  readonly app: IHerokuApp;
  /** What must exist first: the build whose release declares the process types. @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** When set, each process type's resource gets the address `<prefix><type>`. @default cdktf's unique address */
  readonly addressPrefix?: string;
}

/**
 * The app's process types with their size and quantity, one heroku_formation
 * each. Heroku's rules are checked as types are added: eco and basic run at
 * most one dyno per type and are not mixed with other tiers in one app.
 */
export class Formation extends Construct {
  /** The L1 resources by process type: the escape hatch. */
  public readonly resources: Record<string, FormationResource> = {};
  private readonly sizes: Record<string, DynoSize> = {};

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FormationProps,
  ) {
    super(scope, id);
  }

  public addProcess(type: string, options: ProcessTypeOptions = {}): FormationResource {
    const size = options.size ?? DynoSize.STANDARD_1X;
    const quantity = options.quantity ?? 1;
    if (!PROCESS_TYPE_PATTERN.test(type)) throw new Error(`process type "${type}" is not valid: letters, digits, dashes and underscores`);
    if (type in this.resources) throw new Error(`process type "${type}" is already in the formation of ${this.props.app.appName}`);
    if (!Number.isInteger(quantity) || quantity < 0) throw new Error(`quantity ${quantity} of "${type}" is not a whole number of dynos`);
    if (quantity > size.maxQuantity) {
      throw new Error(`quantity ${quantity} of "${type}" is more than ${size.maxQuantity} ${size.name} dyno${size.maxQuantity > 1 ? "s" : ""} per process type`);
    }
    const mixed = Object.entries(this.sizes).find(([, other]) => other.isSmallTier !== size.isSmallTier || (size.isSmallTier && other.tier !== size.tier));
    if (mixed) {
      throw new Error(`"${type}" is ${size.name} but "${mixed[0]}" is ${mixed[1].name}: Heroku does not mix eco or basic dynos with other sizes in one app`);
    }
    this.sizes[type] = size;
    const resource = new FormationResource(this, type, {
      appId: this.props.app.appId,
      type,
      size: size.name,
      quantity,
      dependsOn: this.props.dependsOn,
    });
    if (this.props.addressPrefix !== undefined) resource.overrideLogicalId(`${this.props.addressPrefix}${type}`);
    this.resources[type] = resource;
    return resource;
  }

  /** The sizes by process type, as added. */
  public get processSizes(): Readonly<Record<string, DynoSize>> {
    return this.sizes;
  }
}
