import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { Formation as FormationResource } from "../.gen/providers/heroku/formation";
import type { ProcessFacts } from "../rules";
import { DynoSize } from "./dyno-size";
import type { IHerokuApp } from "./heroku-app";
import { known } from "./tokens";

export interface ProcessTypeOptions {
  /** @default DynoSize.STANDARD_1X */
  readonly size?: DynoSize;
  /** How many dynos run; may be a Token (a Terraform variable). @default 1 */
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
 * each. Heroku's rules on them (tiers, quantities, the Procfile) are checked
 * by the app once the tree is complete.
 */
export class Formation extends Construct {
  /** The L1 resources by process type: the escape hatch. */
  public readonly resources: Record<string, FormationResource> = {};
  private readonly processes: Record<string, { size: DynoSize | string; quantity: number }> = {};

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FormationProps,
  ) {
    super(scope, id);
  }

  public addProcess(type: string, options: ProcessTypeOptions = {}): FormationResource {
    if (type in this.resources) throw new Error(`process type "${type}" is already in the formation of ${this.props.app.appName}`);
    // From JavaScript a size may arrive as a plain string: keep it, so the rules name it rather than drop it.
    const size: DynoSize | string = options.size ?? DynoSize.STANDARD_1X;
    const quantity = options.quantity ?? 1;
    this.processes[type] = { size, quantity };
    const resource = new FormationResource(this, type, {
      appId: this.props.app.appId,
      type,
      size: size instanceof DynoSize ? size.name : String(size),
      quantity,
      dependsOn: this.props.dependsOn,
    });
    if (this.props.addressPrefix !== undefined) resource.overrideLogicalId(`${this.props.addressPrefix}${type}`);
    this.resources[type] = resource;
    return resource;
  }

  /** The process types as the rules read them; Tokens are not known. */
  public facts(): Record<string, ProcessFacts> {
    return Object.fromEntries(
      Object.entries(this.processes).map(([type, { size, quantity }]) => [
        type,
        { size: size instanceof DynoSize ? size.name : known(String(size)), quantity: known(quantity) },
      ]),
    );
  }
}
