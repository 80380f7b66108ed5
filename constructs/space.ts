import { Construct, type IConstruct } from "constructs";
import { DataHerokuSpace } from "../.gen/providers/heroku/data-heroku-space";
import { Space as SpaceResource } from "../.gen/providers/heroku/space";
import { formatPath, spaceProblems } from "../rules";
import { DEFAULT_SPACE_GENERATION, SPACE_GENERATIONS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";
import { known } from "./tokens";

/** The generation of the Heroku platform a space runs; its apps run it too. */
export class SpaceGeneration extends HerokuName {
  public static readonly CEDAR = new SpaceGeneration("cedar");
  /** Telemetry drains, no log drains, no shield, no cidr. */
  public static readonly FIR = new SpaceGeneration("fir");

  /**
   * A generation by name, in any case.
   * @throws when the name is not a space generation
   */
  public static of(name: string): SpaceGeneration {
    return new SpaceGeneration(checkedName("a space generation", name, SPACE_GENERATIONS));
  }
}

/** A Private Space, defined here or referenced by name. */
export interface ISpace extends IConstruct {
  /** The space's id (a UUID, a token until apply or plan): what review apps deploy to. */
  readonly spaceId: string;
  /** What apps name to run in it. */
  readonly spaceName: string;
  /** Its region (`virginia`, `frankfurt`…): its apps run there. */
  readonly region: string;
  /** @default undefined: not known before plan, for a space referenced by name */
  readonly generation?: SpaceGeneration;
}

export interface SpaceProps {
  /** Unique within Heroku: lowercase letters, digits and single dashes. May be a Token. */
  readonly name: string;
  /** The team that owns the space (heroku_space `organization`); its apps belong to it. */
  readonly team: string;
  /**
   * A Private Spaces region (`virginia`, `oregon`, `frankfurt`, `tokyo`…).
   * Required here though heroku_space takes none: the provider reads the
   * space's region back, so a space written without one plans a replacement.
   */
  readonly region: string;
  /** @default SpaceGeneration.CEDAR */
  readonly generation?: SpaceGeneration;
  /** A Shield Private Space (cedar only). @default false */
  readonly shield?: boolean;
  /** The space's RFC-1918 /16 (cedar only). @default Heroku's, 10.0.0.0/16 */
  readonly cidr?: string;
  /** The block for Heroku Data's peering, a /16 to a /20. @default Heroku's choice */
  readonly dataCidr?: string;
}

/** A space looked up by name at plan time (internal helper). */
class ImportedSpace extends Construct implements ISpace {
  public readonly spaceId: string;
  public readonly spaceName: string;
  public readonly region: string;

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id);
    const data = new DataHerokuSpace(this, "space", { name });
    this.spaceId = data.uuid;
    this.spaceName = name;
    this.region = data.region;
  }
}

/**
 * A Private Space (heroku_space): a network of its own for a team's apps.
 * Every setting but the name is fixed at creation: changing one replaces the
 * space, and with it every app in it.
 */
export class Space extends Construct implements ISpace {
  /** An existing space by name, looked up at plan time (data.heroku_space): its id and region come from Heroku. */
  public static fromSpaceName(scope: Construct, id: string, name: string): ISpace {
    return new ImportedSpace(scope, id, name);
  }

  public readonly resource: SpaceResource;
  public readonly spaceName: string;
  public readonly region: string;
  public readonly generation: SpaceGeneration;

  constructor(scope: Construct, id: string, props: SpaceProps) {
    super(scope, id);
    this.generation = props.generation ?? SpaceGeneration.of(DEFAULT_SPACE_GENERATION);
    this.region = props.region;
    this.resource = new SpaceResource(this, "space", {
      name: props.name,
      organization: props.team,
      region: props.region,
      generation: this.generation.name,
      shield: props.shield ?? false,
      cidr: props.cidr,
      dataCidr: props.dataCidr,
    });
    // A reference, so an app in the space is created after it.
    this.spaceName = this.resource.name;
    const facts = {
      name: known(props.name),
      cidr: known(props.cidr),
      dataCidr: known(props.dataCidr),
      shield: props.shield,
      generation: this.generation.name,
    };
    this.node.addValidation({
      validate: () => spaceProblems(facts).map((p) => `space ${facts.name ?? this.node.path}: ${formatPath(p.path)}: ${p.message}`),
    });
  }

  public get spaceId(): string {
    return this.resource.id;
  }
}
