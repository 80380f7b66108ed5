import { Annotations, Lazy, TerraformOutput, TerraformVariable, Token, type IResolveContext, type TerraformResource } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { App as AppResource } from "../.gen/providers/heroku/app";
import { AppFeature } from "../.gen/providers/heroku/app-feature";
import { AppWebhook } from "../.gen/providers/heroku/app-webhook";
import { Build } from "../.gen/providers/heroku/build";
import { Collaborator } from "../.gen/providers/heroku/collaborator";
import { Drain } from "../.gen/providers/heroku/drain";
import { TeamCollaborator } from "../.gen/providers/heroku/team-collaborator";
import { TelemetryDrain } from "../.gen/providers/heroku/telemetry-drain";
import { normalizeHostname, undeclaredWeb, type AppFacts, type CollaboratorFacts, type TelemetryDrainFacts } from "../rules";
import { findAppFeature } from "../vocabulary";
import { AppSource } from "./app-source";
import { appLabel, appValidator } from "./app-validation";
import { CollaboratorPermission } from "./collaborator-permission";
import { Domain } from "./domain";
import { Formation, type ProcessTypeOptions } from "./formation";
import { HerokuStack } from "./heroku-stack";
import { Region } from "./region";
import { secretVariableName } from "./secrets";
import { shortAddressOf } from "./short-address";
import { Space, type ISpace } from "./space";
import type { TelemetryDrainOptions } from "./telemetry-drain";
import { known, literal } from "./tokens";

/** An app, defined here or referenced by name or id. */
export interface IHerokuApp extends IConstruct {
  /** The app's id (a token until apply for a new app); what resources refer to. */
  readonly appId: string;
  readonly appName: string;
}

export interface HerokuAppProps {
  /** The app's name, unique across Heroku: 3–30 lowercase letters, digits and dashes, a letter first. May be a Token. */
  readonly name: string;
  /** A Common Runtime region; not for an app in a space, which runs in its space's. @default Region.US, or the space's region */
  readonly region?: Region;
  /** @default HerokuStack.HEROKU_24 */
  readonly stack?: HerokuStack;
  /** The team that owns the app. @default a personal app */
  readonly team?: string;
  /**
   * The Private Space the app runs in (a Space, or a space's name, looked up
   * at plan time); the app takes its region and generation, and must belong
   * to a team. @default the Common Runtime
   */
  readonly space?: ISpace | string;
  /** Buildpacks in order. @default Heroku detects them */
  readonly buildpacks?: string[];
  /** Automated Certificate Management for the custom domains. @default false */
  readonly acm?: boolean;
  /** Plain config vars: they appear in cdk.tf.json, so nothing secret. @default none */
  readonly configVars?: Record<string, string>;
  /**
   * The environment the app belongs to: it prefixes the Terraform variables
   * of the app's secrets (`<environment>_<key>`), and reviews judge the app
   * by its policy. @default the app's name; its construct id while the name is a Token
   */
  readonly environment?: string;
  /**
   * A production app: its data add-ons (Postgres, Redis) are protected from
   * destroy unless an add-on says otherwise. @default false
   */
  readonly production?: boolean;
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

export interface LogDrainOptions {
  /**
   * Keep the URL out of plans and reviews (it carries a token or a
   * password): `sensitive_url` instead of `url`.
   * @default true when the URL holds a Token (a secret value's variable, see
   * `addSecretValue`, or any reference: what is not known at synth cannot be
   * judged, so it is hidden), false for a plain URL
   */
  readonly sensitive?: boolean;
}

export interface CollaboratorOptions {
  /** What the collaborator may do on a team app; a personal app's collaborators take none. @default [CollaboratorPermission.VIEW] on a team app */
  readonly permissions?: CollaboratorPermission[];
}

export interface WebhookOptions {
  /** The https URL Heroku posts to. */
  readonly url: string;
  /** The entities to be notified of, e.g. `api:release`, `api:formation`. */
  readonly include: string[];
  /** `notify` (fire and forget) or `sync` (retried until it succeeds). @default "notify" */
  readonly level?: "notify" | "sync";
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
 * Heroku's rules (rules/) are checked once the tree is complete, so an app
 * may be assembled by several calls in any order.
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
  /** See HerokuAppProps.environment. */
  public readonly environment: string;
  public readonly production: boolean;
  public readonly acm: boolean;
  public readonly source?: AppSource;
  /** The team that owns the app, if any. */
  public readonly team?: string;
  /** The Private Space the app runs in, if any. */
  public readonly space?: ISpace;
  /** The region as given in props (an app in a space takes its space's). */
  private readonly regionGiven?: Region;
  private idToken?: string;
  private readonly shortAddresses: boolean;
  private readonly configVars: Record<string, string> = {};
  private readonly secrets: Record<string, string> = {};
  /** The key of each secret value's variable, once (`addSecretValue`). */
  private readonly secretValueKeys: string[] = [];
  /** Every key, feature and hostname as added, repeats included: the rules report a repeat. */
  private readonly secretKeys: string[] = [];
  private readonly featureNames: string[] = [];
  private readonly hostnames: string[] = [];
  private readonly collaboratorFacts: CollaboratorFacts[] = [];
  private readonly logDrainNames: string[] = [];
  private readonly telemetryDrainFacts: TelemetryDrainFacts[] = [];
  /** Features Heroku refuses while the app runs eco or basic dynos: they wait for every process type. */
  private readonly paidDynoFeatures: AppFeature[] = [];

  constructor(scope: Construct, id: string, props: HerokuAppProps) {
    super(scope, id);
    this.appName = props.name;
    this.environment = props.environment ?? known(props.name) ?? id;
    this.production = props.production ?? false;
    this.acm = props.acm ?? false;
    this.source = props.source;
    this.shortAddresses = props.shortAddresses ?? false;
    this.team = props.team;
    this.regionGiven = props.region;
    this.space = typeof props.space === "string" ? Space.fromSpaceName(this, "space", props.space) : props.space;
    for (const [key, value] of Object.entries(props.configVars ?? {})) this.configVars[key] = literal(value);
    this.resource = new AppResource(this, "app", {
      name: props.name,
      region: this.space ? this.space.region : (props.region ?? Region.US).name,
      stack: (props.stack ?? HerokuStack.HEROKU_24).name,
      buildpacks: props.buildpacks,
      acm: this.acm,
      organization: props.team ? { name: props.team } : undefined,
      space: this.space?.spaceName,
      // The same objects the add methods fill, so config vars and secrets added later are synthesized too.
      configVars: this.configVars,
      sensitiveConfigVars: this.secrets,
    });
    // What a review needs and Terraform ignores: the app's environment, and a web dyno Heroku starts unasked.
    this.resource.addOverride("//.dynoform", Lazy.anyValue({ produce: () => this.reviewFacts() }));
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
    this.node.addValidation(appValidator(this, () => this.node.root.node.findAll().filter((c): c is HerokuApp => c instanceof HerokuApp)));
  }

  public get appId(): string {
    // One token for every reference: each read of an L1 attribute makes a new token (and captures a stack trace).
    return (this.idToken ??= this.resource.id);
  }

  /** The keys of the plain config vars and of the secrets, as added so far. */
  public get configKeys(): { readonly plain: string[]; readonly secret: string[] } {
    return { plain: Object.keys(this.configVars), secret: this.secretKeys };
  }

  /** The keys of every secret value, the secret config vars' included, once each: one Terraform variable each. */
  public get secretValues(): readonly string[] {
    return this.secretValueKeys;
  }

  /** The features and custom hostnames, as added so far. */
  public get features(): readonly string[] {
    return this.featureNames;
  }

  public get domains(): readonly string[] {
    return this.hostnames;
  }

  /** What the rules judge of the app's owner, place, collaborators and drains, as added so far (internal helper). */
  public facts(): Pick<AppFacts, "team" | "region" | "space" | "collaborators" | "logDrains" | "telemetryDrains"> {
    // A Space's name is a reference (so the app waits for it); messages name the space as written.
    const spaceName = this.space instanceof Space ? this.space.resource.nameInput : this.space?.spaceName;
    const space = this.space && { name: known(spaceName) ?? this.space.node.path, generation: this.space.generation?.name };
    return {
      team: this.team !== undefined,
      region: this.regionGiven?.name,
      space,
      collaborators: this.collaboratorFacts,
      logDrains: this.logDrainNames,
      telemetryDrains: this.telemetryDrainFacts,
    };
  }

  /** A plain config var. */
  public addConfigVar(key: string, value: string): void {
    this.configVars[key] = literal(value);
  }

  /**
   * A secret config var: a sensitive Terraform variable fed at deploy time
   * (`TF_VAR_<environment>_<key>`), set in the app's `sensitive_config_vars`,
   * so the value is never in cdk.tf.json, is masked in plans and stored as
   * sensitive in state. (Not heroku_app_config_association: that resource
   * cannot be imported, and an app brought under code must plan no create.)
   * The variable is the key's secret value (`addSecretValue`): a drain may use it too.
   */
  public addSecret(key: string): TerraformVariable {
    this.secretKeys.push(key);
    const variable = this.addSecretValue(key);
    this.secrets[key] = variable.stringValue;
    return variable;
  }

  /**
   * A secret value that is not a config var: the sensitive Terraform
   * variable of `key`, fed at deploy time as `TF_VAR_<environment>_<key>`
   * like a secret config var, for a value the app's resources need but its
   * dynos do not: a log drain URL with a token (`addLogDrain` hides a Token
   * in `sensitive_url`), a telemetry drain's API key header. Use its
   * `stringValue`; the value is never in cdk.tf.json, and plans and reviews
   * mask it. One variable per key: `addSecret` of the same key also sets it
   * as a config var, and a deploy feeds it once.
   */
  public addSecretValue(key: string): TerraformVariable {
    const id = `secret-${key}`;
    const made = this.node.tryFindChild(id) as TerraformVariable | undefined;
    if (made) return made;
    const variable = new TerraformVariable(this, id, {
      type: "string",
      sensitive: true,
      // Whether the key is a config var too may be said after this call.
      description: Lazy.stringValue({
        produce: () => (this.secretKeys.includes(key) ? `secret config var ${key} of ${this.appName}` : `secret value ${key} of ${this.appName} (not a config var)`),
      }),
    });
    variable.overrideLogicalId(secretVariableName(this.environment, key));
    this.secretValueKeys.push(key);
    return variable;
  }

  /** A process type of the formation. Scale `web` to 0 to keep Heroku from starting it on the first release. */
  public addProcess(type: string, options: ProcessTypeOptions): void {
    const resource = this.formation.addProcess(type, options);
    for (const feature of this.paidDynoFeatures) feature.dependsOn = [...(feature.dependsOn ?? []), dependencyOn(resource)];
  }

  /** A custom domain (any case: DNS names are case-insensitive; written in lower case); its DNS target is a stack output. */
  public addDomain(hostname: string): Domain {
    const added = this.record<Domain>(this.hostnames, hostname, `domain-${normalizeHostname(hostname)}`);
    if (added) return added;
    const domain = new Domain(this, `domain-${normalizeHostname(hostname)}`, { app: this, hostname });
    this.shortAddress(domain.resource, shortAddressOf("domain", hostname));
    const output = new TerraformOutput(this, `cname-${normalizeHostname(hostname)}`, {
      value: domain.cname,
      description: `DNS target for ${hostname}`,
    });
    this.shortAddress(output, shortAddressOf("cname", hostname));
    return domain;
  }

  /**
   * An app feature (e.g. `preboot`), enabled. One that needs standard or
   * performance dynos is enabled after the formation is scaled: a new app's
   * first release starts `web` on a basic dyno, and Heroku refuses such a
   * feature until then.
   */
  public addFeature(name: string): AppFeature {
    const added = this.record<AppFeature>(this.featureNames, name, `feature-${name}`);
    if (added) return added;
    const feature = new AppFeature(this, `feature-${name}`, { appId: this.appId, name, enabled: true });
    this.shortAddress(feature, `feature_${name}`);
    if (findAppFeature(name)?.needsPaidDynos) {
      feature.dependsOn = Object.values(this.formation.resources).map(dependencyOn);
      this.paidDynoFeatures.push(feature);
    }
    return feature;
  }

  /**
   * A collaborator: on a team app a heroku_team_collaborator with its
   * permissions, on a personal app a heroku_collaborator (which takes none).
   */
  public addCollaborator(email: string, options: CollaboratorOptions = {}): TeamCollaborator | Collaborator {
    this.collaboratorFacts.push({ email: known(email), permissions: options.permissions?.map((p) => p.name) });
    const id = `collaborator-${known(email) ?? this.collaboratorFacts.length}`;
    const added = this.node.tryFindChild(id) as TeamCollaborator | Collaborator | undefined;
    if (added) return added;
    const collaborator =
      this.team === undefined
        ? new Collaborator(this, id, { appId: this.appId, email })
        : new TeamCollaborator(this, id, { appId: this.appId, email, permissions: (options.permissions ?? [CollaboratorPermission.VIEW]).map((p) => p.name) });
    this.shortAddress(collaborator, shortAddressOf("collaborator", id.slice("collaborator-".length)));
    return collaborator;
  }

  /**
   * A log drain (heroku_drain) named `id`: Heroku forwards the app's logs to
   * `url` (syslog or https). Cedar apps only. A URL with a token or password
   * is a secret value: `addLogDrain(id, app.addSecretValue("LOGS_URL").stringValue)`.
   */
  public addLogDrain(id: string, url: string, options: LogDrainOptions = {}): Drain {
    this.logDrainNames.push(id);
    const sensitive = options.sensitive ?? Token.isUnresolved(url);
    const drain = new Drain(this, `drain-${id}`, { appId: this.appId, ...(sensitive ? { sensitiveUrl: url } : { url }) });
    this.shortAddress(drain, shortAddressOf("drain", id));
    return drain;
  }

  /**
   * A telemetry drain (heroku_telemetry_drain) named `id`: Heroku sends the
   * app's OpenTelemetry signals to a consumer. Fir apps only: an app in a Fir space.
   */
  public addTelemetryDrain(id: string, options: TelemetryDrainOptions): TelemetryDrain {
    this.telemetryDrainFacts.push({
      name: id,
      endpoint: known(options.endpoint),
      exporter: options.exporter.name,
      signals: options.signals.map((s) => s.name),
      headers: Object.fromEntries(Object.entries(options.headers).map(([name, value]) => [name, known(value)])),
    });
    const drain = new TelemetryDrain(this, `telemetry-drain-${id}`, {
      ownerId: this.appId,
      ownerType: "app",
      endpoint: options.endpoint,
      exporterType: options.exporter.name,
      signals: options.signals.map((s) => s.name),
      headers: options.headers,
    });
    this.shortAddress(drain, shortAddressOf("telemetry_drain", id));
    return drain;
  }

  /** A webhook (heroku_app_webhook) named `id`: Heroku posts the events of `include` to `url`. */
  public addWebhook(id: string, options: WebhookOptions): AppWebhook {
    return new AppWebhook(this, `webhook-${id}`, { appId: this.appId, url: options.url, include: options.include, level: options.level ?? "notify" });
  }

  /**
   * Records a hostname or feature as added; one added before (in any
   * case, for a hostname) returns what was made for it, and the rules report
   * the repeat at synth (internal helper).
   */
  private record<T extends IConstruct>(added: string[], value: string, id: string): T | undefined {
    added.push(value);
    return this.node.tryFindChild(id) as T | undefined;
  }

  /** What the review reads off cdk.tf.json (internal helper). */
  private reviewFacts(): Record<string, unknown> {
    const procfile = this.source?.procfile();
    const web = undeclaredWeb({ formation: this.formation.facts(), procfile });
    return { environment: this.environment, ...(web ? { implicitProcesses: [{ type: "web", ...web }] } : {}) };
  }

  /** @internal warns once that Heroku will start a web dyno that no code declares */
  public warnUndeclaredWeb(): void {
    const procfile = this.source?.procfile();
    if (!procfile || !undeclaredWeb({ formation: this.formation.facts(), procfile })) return;
    Annotations.of(this).addWarning(
      `${appLabel(this)}: ${procfile.file} declares web but the formation does not scale it: Heroku starts one web dyno on the first release (priced in cost); scale web to 0 if it should not run`,
    );
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
