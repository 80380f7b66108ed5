import { Construct } from "constructs";
import { addonAddress, type EnvironmentSpec } from "../environment-files";
import { Addon } from "./addon";
import { AddonPlan } from "./addon-plan";
import { AppSource } from "./app-source";
import { CollaboratorPermission } from "./collaborator-permission";
import { DynoSize } from "./dyno-size";
import { HerokuApp, type IHerokuApp } from "./heroku-app";
import { HerokuStack } from "./heroku-stack";
import { Region } from "./region";
import { TelemetryExporter, TelemetrySignal } from "./telemetry-drain";

export interface EnvironmentProps {
  /** The environment's name (the file name: `staging`); it prefixes the secrets' variables. */
  readonly name: string;
  /** The validated spec of `environments/<name>.yaml`. */
  readonly spec: EnvironmentSpec;
}

/**
 * One environment: an app and everything attached to it, built from a
 * validated spec. The file's checks ran when it was loaded; the app's
 * validators run the same rules again on the tree, and find nothing new.
 */
export class Environment extends Construct {
  public readonly app: HerokuApp;
  public readonly addons: Addon[] = [];
  public readonly spec: EnvironmentSpec;
  /** Live resources this environment adopts, when it was brought under code by `dynoform import`. */
  public readonly live?: EnvironmentSpec["import"];

  constructor(scope: Construct, id: string, props: EnvironmentProps) {
    super(scope, id);
    const { spec } = props;
    this.spec = spec;
    this.app = new HerokuApp(this, "app", {
      name: spec.app.name,
      region: spec.app.region === undefined ? undefined : Region.of(spec.app.region),
      stack: HerokuStack.of(spec.app.stack),
      team: spec.app.team,
      space: spec.app.space,
      buildpacks: spec.app.buildpacks.length > 0 ? spec.app.buildpacks : undefined,
      acm: spec.app.acm,
      configVars: spec.config,
      environment: props.name,
      production: spec.production,
      // One app per environment stack: short addresses (heroku_app.app, heroku_addon.postgres).
      shortAddresses: true,
      source: sourceOf(spec.app.source),
    });
    for (const key of spec.secrets) this.app.addSecret(key);
    for (const [type, process] of Object.entries(spec.formation)) {
      this.app.addProcess(type, { size: DynoSize.of(process.size), quantity: process.quantity });
    }
    const otherApps = new Map<string, IHerokuApp>();
    for (const addon of spec.addons) {
      // Named by what the file names (its attachment name, else its service), never by its place in the list.
      const address = addonAddress(addon.service, addon.as);
      const resource = new Addon(this, `addon-${address}`, {
        app: this.app,
        plan: AddonPlan.of(addon.service, addon.plan),
        config: addon.version ? { version: addon.version } : undefined,
        as: addon.as,
      });
      resource.resource.overrideLogicalId(address);
      for (const other of addon.attachTo) {
        if (!otherApps.has(other)) otherApps.set(other, HerokuApp.fromAppName(this, `attached-${other}`, other));
        resource.attachTo(otherApps.get(other)!);
      }
      this.addons.push(resource);
    }
    const domains = spec.domains.map((hostname) => this.app.addDomain(hostname));
    for (const { email, permissions } of spec.collaborators) this.app.addCollaborator(email, { permissions: permissions?.map((p) => CollaboratorPermission.of(p)) });
    // A `{ secret: KEY }` is the key's secret value: its variable's token, which a log drain hides in sensitive_url.
    const valueOf = (value: string | { secret: string }) => (typeof value === "string" ? value : this.app.addSecretValue(value.secret).stringValue);
    for (const [name, url] of Object.entries(spec.logDrains)) this.app.addLogDrain(name, valueOf(url));
    for (const [name, drain] of Object.entries(spec.telemetryDrains)) {
      this.app.addTelemetryDrain(name, {
        endpoint: drain.endpoint,
        exporter: TelemetryExporter.of(drain.exporter),
        signals: drain.signals.map((signal) => TelemetrySignal.of(signal)),
        headers: Object.fromEntries(Object.entries(drain.headers).map(([header, value]) => [header, valueOf(value)])),
      });
    }
    const features = spec.app.features.map((feature) => this.app.addFeature(feature));
    this.live = spec.import;
    if (spec.import) {
      // Import ids in the provider's formats: the app by id, its children by `<app>:<name>`.
      const app = spec.app.name;
      this.app.resource.importFrom(spec.import.app);
      for (const [type, formation] of Object.entries(this.app.formation.resources)) formation.importFrom(`${app}:${type}`);
      domains.forEach((domain, i) => domain.resource.importFrom(`${app}:${domain.resource.hostnameInput ?? spec.domains[i]}`));
      features.forEach((feature, i) => feature.importFrom(`${app}:${spec.app.features[i]}`));
      adoptAddons(this.addons, spec.import.addons);
    }
  }
}

/** Add-ons by their address (postgres, redis, …) adopt the live ids given for them (internal helper). */
function adoptAddons(addons: Addon[], ids: Record<string, string>): void {
  const byAddress = new Map(addons.map((a) => [a.resource.friendlyUniqueId, a]));
  for (const [address, id] of Object.entries(ids)) {
    const addon = byAddress.get(address);
    if (!addon) throw new Error(`import.addons.${address}: no add-on has the address "${address}" (there are: ${[...byAddress.keys()].join(", ")})`);
    addon.resource.importFrom(id);
  }
}

/** The build source; none for an imported app, which keeps its live releases (internal helper). */
function sourceOf(source: string | undefined): AppSource | undefined {
  if (source === undefined) return undefined;
  return source.startsWith("https://") ? AppSource.fromUrl(source) : AppSource.fromPath(source);
}
