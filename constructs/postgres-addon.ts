import { Construct } from "constructs";
import { Addon } from "./addon";
import { PostgresPlan } from "./addon-plan";
import type { IHerokuApp } from "./heroku-app";

export interface PostgresAddonProps {
  readonly app: IHerokuApp;
  /** @default PostgresPlan.ESSENTIAL_0 */
  readonly plan?: PostgresPlan;
  /** Major version, checked when the tree is complete. @default Heroku's current default */
  readonly version?: string;
  /** The name of its attachments to other apps. @default Heroku's name (DATABASE on the first app) */
  readonly as?: string;
  /** @default true when the app is a production app: a database holds data */
  readonly preventDestroy?: boolean;
}

/** A Heroku Postgres database; sets DATABASE_URL on its app. */
export class PostgresAddon extends Addon {
  constructor(scope: Construct, id: string, props: PostgresAddonProps) {
    super(scope, id, {
      app: props.app,
      plan: props.plan ?? PostgresPlan.ESSENTIAL_0,
      config: props.version ? { version: props.version } : undefined,
      as: props.as,
      preventDestroy: props.preventDestroy,
    });
  }
}
