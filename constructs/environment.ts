import { Construct } from "constructs";
import { ADDON_SERVICE_ALIASES, type EnvironmentSpec } from "../spec";
import { findAddonService } from "../vocabulary";
import { Addon } from "./addon";
import { AddonPlan } from "./addon-plan";
import { AppSource } from "./app-source";
import { DynoSize } from "./dyno-size";
import { HerokuApp } from "./heroku-app";
import { HerokuStack } from "./heroku-stack";
import { Region } from "./region";

export interface EnvironmentProps {
  /** The environment's name (the file name: `staging`); it prefixes the secrets' variables. */
  readonly name: string;
  /** The validated spec of `environments/<name>.yaml`. */
  readonly spec: EnvironmentSpec;
}

/**
 * One environment: an app and everything attached to it, built from a
 * validated spec. The spec's own checks ran when the file was loaded; the
 * constructs check again what code could get wrong.
 */
export class Environment extends Construct {
  public readonly app: HerokuApp;
  public readonly addons: Addon[] = [];

  constructor(scope: Construct, id: string, props: EnvironmentProps) {
    super(scope, id);
    const { spec } = props;
    this.app = new HerokuApp(this, "app", {
      name: spec.app.name,
      region: Region.of(spec.app.region),
      stack: HerokuStack.of(spec.app.stack),
      team: spec.app.team,
      buildpacks: spec.app.buildpacks.length > 0 ? spec.app.buildpacks : undefined,
      acm: spec.app.acm,
      configVars: spec.config,
      environment: props.name,
      // One app per environment stack: short addresses (heroku_app.app, heroku_addon.postgres).
      shortAddresses: true,
      source: spec.app.source.startsWith("https://") ? AppSource.fromUrl(spec.app.source) : AppSource.fromPath(spec.app.source),
    });
    for (const key of spec.secrets) this.app.addSecret(key);
    for (const [type, process] of Object.entries(spec.formation)) {
      this.app.addProcess(type, { size: DynoSize.of(process.size), quantity: process.quantity });
    }
    spec.addons.forEach((addon) => {
      const service = findAddonService(addon.service);
      const resource = new Addon(this, `addon-${addon.as?.toLowerCase() ?? addon.service}`, {
        app: this.app,
        plan: AddonPlan.of(addon.service, addon.plan),
        config: addon.version ? { version: addon.version } : undefined,
        // Production data is protected from destroy; other environments' data is disposable.
        preventDestroy: spec.production && (service?.holdsData ?? false),
      });
      resource.resource.overrideLogicalId(addonAddress(addon.service, addon.as));
      for (const other of addon.attachTo) {
        resource.attachTo(HerokuApp.fromAppName(this, `attached-${other}`, other), { as: addon.as });
      }
      this.addons.push(resource);
    });
    for (const hostname of spec.domains) this.app.addDomain(hostname);
    for (const feature of spec.app.features) this.app.addFeature(feature);
  }
}

/** `postgres`, `redis`, or the service name; the attachment name when given (internal helper). */
function addonAddress(service: string, as?: string): string {
  if (as) return as.toLowerCase();
  const alias = Object.entries(ADDON_SERVICE_ALIASES).find(([, name]) => name === service)?.[0];
  return (alias ?? service).replace(/[^a-z0-9_]+/g, "_");
}
