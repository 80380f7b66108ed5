import { TerraformOutput, TerraformVariable, Token, type IResolveContext, type TerraformResource } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { App as AppResource } from "../.gen/providers/heroku/app";
import { AppFeature } from "../.gen/providers/heroku/app-feature";
import { Build } from "../.gen/providers/heroku/build";
import { APP_NAME_PATTERN, CONFIG_VAR_KEY_PATTERN, findAppFeature } from "../vocabulary";
import { AppSource } from "./app-source";
import { Domain } from "./domain";
import { Formation, type ProcessTypeOptions } from "./formation";
import { HerokuStack } from "./heroku-stack";
import { Region } from "./region";
import { secretVariableName } from "./secrets";

/** An app, defined here or referenced by name or id. */
export interface IHerokuApp extends IConstruct {
  /** The app's id (a token until apply for a new app); what resources refer to. */
  readonly appId: string;
  readonly appName: string;
}

export interface HerokuAppProps {
  /** The app's name, unique across Heroku: 3–30 lowercase letters, digits and dashes, a letter first. */
  readonly name: string;
  /** @default Region.US */
  readonly region?: Region;
  /** @default HerokuStack.HEROKU_24 */
  readonly stack?: HerokuStack;
  /** The team that owns the app. @default a personal app */
  readonly team?: string;
  /** Buildpacks in order. @default Heroku detects them */
  readonly buildpacks?: string[];
  /** Automated Certificate Management for the custom domains. @default false */
  readonly acm?: boolean;
  /** Plain config vars: they appear in cdk.tf.json, so nothing secret. @default none */
  readonly configVars?: Record<string, string>;
  /**
   * The environment's name, which prefixes the Terraform variables of the
   * app's secrets (`<environment>_<key>`). @default the app's name
   */
  readonly environment?: string;
  /** What Heroku builds before the formation scales. @default no build: the formation needs a release made elsewhere */
  readonly source?: AppSource;
  /**
   * Give the app's resources short Terraform addresses (`heroku_app.app`,
   * `heroku_formation.formation_web`, `heroku_domain.domain_www_example_com`),
   * which reviews, import blocks and people read easily. Only for an app that
   * is alone in its stack, or the addresses collide.
   * @default false: cdktf's unique path-based addresses
   */
  readonly shortAddresses?: boolean;
}

/** An app referenced by name or id, not managed here (internal helper). */
class ImportedApp extends Construct implements IHerokuApp {
  constructor(
    scope: Construct,
    id: string,
    public readonly appId: string,
    public readonly appName: string,
  ) {
    super(scope, id);
  }
}

/**
 * A Heroku app with its config vars, secrets, build, formation, domains and
 * features. `resource` is the heroku_app L1 resource, the escape hatch.
 */
export class HerokuApp extends Construct implements IHerokuApp {
  /** An existing app by name (Heroku accepts a name wherever an app id goes). */
  public static fromAppName(scope: Construct, id: string, name: string): IHerokuApp {
    return new ImportedApp(scope, id, name, name);
  }

  /** An existing app by id. */
  public static fromAppId(scope: Construct, id: string, appId: string): IHerokuApp {
    return new ImportedApp(scope, id, appId, appId);
  }

  public readonly resource: AppResource;
  /** The build of `props.source`, if any: the formation waits for it. */
  public readonly build?: Build;
  public readonly formation: Formation;
  public readonly appName: string;
  private idToken?: string;
  private readonly environment: string;
  private readonly shortAddresses: boolean;
  private readonly configVars: Record<string, string>;
  private readonly secrets: Record<string, string> = {};
  /** Features Heroku refuses while the app runs eco or basic dynos: they wait for every process type. */
  private readonly paidDynoFeatures: AppFeature[] = [];

  constructor(scope: Construct, id: string, props: HerokuAppProps) {
    super(scope, id);
    if (!APP_NAME_PATTERN.test(props.name)) {
      throw new Error(
        `app name "${props.name}" is not a Heroku app name: 3 to 30 lowercase letters, digits and dashes, starting with a letter`,
      );
    }
    this.appName = props.name;
    this.environment = props.environment ?? props.name;
    this.shortAddresses = props.shortAddresses ?? false;
    this.configVars = {};
    for (const [key, value] of Object.entries(props.configVars ?? {})) this.addConfigVar(key, value);
    this.resource = new AppResource(this, "app", {
      name: props.name,
      region: (props.region ?? Region.US).name,
      stack: (props.stack ?? HerokuStack.HEROKU_24).name,
      buildpacks: props.buildpacks,
      acm: props.acm ?? false,
      organization: props.team ? { name: props.team } : undefined,
      // The same objects the add methods fill, so config vars and secrets added later are synthesized too.
      configVars: this.configVars,
      sensitiveConfigVars: this.secrets,
    });
    this.shortAddress(this.resource, "app");
    if (props.source) {
      this.build = new Build(this, "build", {
        appId: this.appId,
        buildpacks: props.buildpacks,
        source: props.source.bind(this),
      });
      this.shortAddress(this.build, "app_build");
    }
    this.formation = new Formation(this, "formation", {
      app: this,
      dependsOn: this.build ? [this.build] : [],
      addressPrefix: this.shortAddresses ? "formation_" : undefined,
    });
  }

  public get appId(): string {
    // One token for every reference: each read of an L1 attribute makes a new token (and captures a stack trace).
    return (this.idToken ??= this.resource.id);
  }

  /** A plain config var. */
  public addConfigVar(key: string, value: string): void {
    checkConfigKey(key);
    if (key in this.secrets) throw new Error(`config var "${key}" is already a secret of ${this.appName}`);
    this.configVars[key] = value;
  }

  /**
   * A secret config var: a sensitive Terraform variable fed at deploy time
   * (`TF_VAR_<environment>_<key>`), set in the app's `sensitive_config_vars`,
   * so the value is never in cdk.tf.json, is masked in plans and stored as
   * sensitive in state. (Not heroku_app_config_association: that resource
   * cannot be imported, and an app brought under code must plan no create.)
   */
  public addSecret(key: string): TerraformVariable {
    checkConfigKey(key);
    if (key in this.configVars) throw new Error(`config var "${key}" is already a plain config var of ${this.appName}`);
    const variable = new TerraformVariable(this, `secret-${key}`, {
      type: "string",
      sensitive: true,
      description: `secret config var ${key} of ${this.appName}`,
    });
    variable.overrideLogicalId(secretVariableName(this.environment, key));
    this.secrets[key] = variable.stringValue;
    return variable;
  }

  /** A process type of the formation. */
  public addProcess(type: string, options: ProcessTypeOptions): void {
    const resource = this.formation.addProcess(type, options);
    for (const feature of this.paidDynoFeatures) feature.dependsOn = [...(feature.dependsOn ?? []), dependencyOn(resource)];
  }

  /** A custom domain; its DNS target is a stack output. */
  public addDomain(hostname: string): Domain {
    const domain = new Domain(this, `domain-${hostname}`, { app: this, hostname });
    const slug = hostname.replace(/[^a-z0-9]+/g, "_");
    this.shortAddress(domain.resource, `domain_${slug}`);
    const output = new TerraformOutput(this, `cname-${hostname}`, { value: domain.cname, description: `DNS target for ${hostname}` });
    this.shortAddress(output, `cname_${slug}`);
    return domain;
  }

  /**
   * An app feature (e.g. `preboot`), enabled. One that needs standard or
   * performance dynos is enabled after the formation is scaled: a new app's
   * first release starts `web` on a basic dyno, and Heroku refuses such a
   * feature until then.
   */
  public addFeature(name: string): AppFeature {
    const feature = new AppFeature(this, `feature-${name}`, { appId: this.appId, name, enabled: true });
    this.shortAddress(feature, `feature_${name}`);
    if (findAppFeature(name)?.needsPaidDynos) {
      feature.dependsOn = Object.values(this.formation.resources).map(dependencyOn);
      this.paidDynoFeatures.push(feature);
    }
    return feature;
  }

  /** Sets a short address when asked to, before anything refers to the resource (internal helper). */
  private shortAddress(resource: TerraformResource | TerraformOutput, address: string): void {
    if (this.shortAddresses) resource.overrideLogicalId(address);
  }
}

/**
 * A `depends_on` entry for a resource, as cdktf writes what `dependsOn` is
 * given at construction (internal helper): here the dependency may come later.
 */
function dependencyOn(resource: TerraformResource): string {
  return Token.asString({
    creationStack: [],
    resolve: (context: IResolveContext) => {
      context.suppressBraces = true;
      return resource.fqn;
    },
  });
}

/** Heroku's rule for config var keys (internal helper). */
function checkConfigKey(key: string): void {
  if (!CONFIG_VAR_KEY_PATTERN.test(key)) {
    throw new Error(`config var key "${key}" is not valid: letters, digits and underscores, not starting with a digit`);
  }
}
