import { Construct } from "constructs";
import { Addon } from "./addon";
import { RedisPlan } from "./addon-plan";
import type { IHerokuApp } from "./heroku-app";

export interface RedisAddonProps {
  readonly app: IHerokuApp;
  /** @default RedisPlan.MINI */
  readonly plan?: RedisPlan;
  /** The name of its attachments to other apps. @default Heroku's name (REDIS on the first app) */
  readonly as?: string;
  /** @default true when the app is a production app: a Redis instance holds data */
  readonly preventDestroy?: boolean;
}

/** A Heroku Redis instance; sets REDIS_URL on its app. */
export class RedisAddon extends Addon {
  constructor(scope: Construct, id: string, props: RedisAddonProps) {
    super(scope, id, { app: props.app, plan: props.plan ?? RedisPlan.MINI, as: props.as, preventDestroy: props.preventDestroy });
  }
}
