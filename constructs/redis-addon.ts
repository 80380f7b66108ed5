import { Construct } from "constructs";
import { Addon } from "./addon";
import { RedisPlan } from "./addon-plan";
import type { IHerokuApp } from "./heroku-app";

export interface RedisAddonProps {
  readonly app: IHerokuApp;
  /** @default RedisPlan.MINI */
  readonly plan?: RedisPlan;
  /** @default true: a Redis instance holds data */
  readonly preventDestroy?: boolean;
}

/** A Heroku Redis instance; sets REDIS_URL on its app. */
export class RedisAddon extends Addon {
  constructor(scope: Construct, id: string, props: RedisAddonProps) {
    super(scope, id, { app: props.app, plan: props.plan ?? RedisPlan.MINI, preventDestroy: props.preventDestroy });
  }
}
