import { Construct } from "constructs";
import { POSTGRES_VERSIONS } from "../vocabulary";
import { Addon } from "./addon";
import { PostgresPlan } from "./addon-plan";
import type { IHerokuApp } from "./heroku-app";

export interface PostgresAddonProps {
  readonly app: IHerokuApp;
  /** @default PostgresPlan.ESSENTIAL_0 */
  readonly plan?: PostgresPlan;
  /** Major version. @default Heroku's current default */
  readonly version?: string;
  /** @default true: a database holds data */
  readonly preventDestroy?: boolean;
}

/** A Heroku Postgres database; sets DATABASE_URL on its app. */
export class PostgresAddon extends Addon {
  constructor(scope: Construct, id: string, props: PostgresAddonProps) {
    if (props.version !== undefined && !POSTGRES_VERSIONS.includes(props.version)) {
      throw new Error(`Postgres version "${props.version}" is not one Heroku provisions (${POSTGRES_VERSIONS.join(", ")})`);
    }
    super(scope, id, {
      app: props.app,
      plan: props.plan ?? PostgresPlan.ESSENTIAL_0,
      config: props.version ? { version: props.version } : undefined,
      preventDestroy: props.preventDestroy,
    });
  }
}
