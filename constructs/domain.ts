import { Construct } from "constructs";
import { Domain as DomainResource } from "../.gen/providers/heroku/domain";
import { HOSTNAME_PATTERN } from "../vocabulary";
import type { IHerokuApp } from "./heroku-app";

export interface DomainProps {
  readonly app: IHerokuApp;
  /** The custom hostname, e.g. `www.example.com`. */
  readonly hostname: string;
}

/** A custom domain of an app. Point a CNAME at `cname` (known after apply). */
export class Domain extends Construct {
  public readonly resource: DomainResource;

  constructor(scope: Construct, id: string, props: DomainProps) {
    super(scope, id);
    if (!HOSTNAME_PATTERN.test(props.hostname)) {
      throw new Error(`"${props.hostname}" is not a hostname: lowercase DNS labels separated by dots, like www.example.com`);
    }
    this.resource = new DomainResource(this, "domain", { appId: props.app.appId, hostname: props.hostname });
  }

  /** The DNS target Heroku assigned (`*.herokudns.com`). */
  public get cname(): string {
    return this.resource.cname;
  }
}
