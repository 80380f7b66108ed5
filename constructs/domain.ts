import { Construct } from "constructs";
import { Domain as DomainResource } from "../.gen/providers/heroku/domain";
import { normalizeHostname } from "../rules";
import type { IHerokuApp } from "./heroku-app";
import { known } from "./tokens";

export interface DomainProps {
  readonly app: IHerokuApp;
  /** The custom hostname, e.g. `www.example.com`, in any case: it is written in lower case, as DNS compares names. */
  readonly hostname: string;
}

/** A custom domain of an app. Point a CNAME at `cname` (known after apply). */
export class Domain extends Construct {
  public readonly resource: DomainResource;

  constructor(scope: Construct, id: string, props: DomainProps) {
    super(scope, id);
    const hostname = known(props.hostname) === undefined ? props.hostname : normalizeHostname(props.hostname);
    this.resource = new DomainResource(this, "domain", { appId: props.app.appId, hostname });
  }

  /** The DNS target Heroku assigned (`*.herokudns.com`). */
  public get cname(): string {
    return this.resource.cname;
  }
}
