import { Annotations } from "cdktf";
import type { IConstruct } from "constructs";
import { findAddonService, type AddonPlanInfo, type AddonServiceInfo } from "../vocabulary";
import { checkedName } from "./named-value";

/**
 * A plan of one add-on service (`heroku-postgresql:essential-0`). The
 * service-specific classes (`PostgresPlan`, `RedisPlan`) give constants;
 * `AddonPlan.of()` takes any `service:plan`.
 */
export class AddonPlan {
  /**
   * Any plan of any service. Plans of services dynoform knows are checked;
   * other services' plans are passed to Heroku as written.
   */
  public static of(service: string, plan?: string): AddonPlan {
    const info = findAddonService(service);
    if (!info) return new AddonPlan(service, plan);
    const name = plan ?? info.defaultPlan;
    checkedName(`a ${info.name} plan`, name, info.plans.map((p) => p.name));
    return new AddonPlan(service, name, info, info.plans.find((p) => p.name === name));
  }

  protected constructor(
    /** Heroku's service name. */
    public readonly service: string,
    /** The plan's name within its service; Heroku's default plan when undefined. */
    public readonly plan: string | undefined,
    /** What dynoform knows of the service, if anything. */
    public readonly serviceInfo?: AddonServiceInfo,
    public readonly planInfo?: AddonPlanInfo,
  ) {}

  /** `service:plan`, or `service` alone for the default plan, as the add-on API takes it. */
  public get spec(): string {
    return this.plan ? `${this.service}:${this.plan}` : this.service;
  }

  /** Warns (a cdktf annotation on `scope`) when the plan is a retired name Heroku still accepts. */
  public warnIfLegacy(scope: IConstruct): void {
    if (this.planInfo?.legacy) {
      Annotations.of(scope).addWarning(
        `"${this.plan}" is a legacy ${this.service} plan: Heroku now calls it "${this.planInfo.replacedBy}"`,
      );
    }
  }
}

/** Heroku Postgres plans. */
export class PostgresPlan extends AddonPlan {
  public static readonly ESSENTIAL_0 = PostgresPlan.of("essential-0");
  public static readonly ESSENTIAL_1 = PostgresPlan.of("essential-1");
  public static readonly ESSENTIAL_2 = PostgresPlan.of("essential-2");
  public static readonly STANDARD_0 = PostgresPlan.of("standard-0");
  public static readonly STANDARD_2 = PostgresPlan.of("standard-2");
  public static readonly PREMIUM_0 = PostgresPlan.of("premium-0");
  public static readonly PREMIUM_2 = PostgresPlan.of("premium-2");

  /** A Heroku Postgres plan by name; legacy `mini` and `basic` are accepted with a warning. */
  public static override of(plan: string): PostgresPlan {
    const p = AddonPlan.of("heroku-postgresql", plan);
    return new PostgresPlan(p.service, p.plan, p.serviceInfo, p.planInfo);
  }
}

/** Heroku Redis plans. */
export class RedisPlan extends AddonPlan {
  public static readonly MINI = RedisPlan.of("mini");
  public static readonly PREMIUM_0 = RedisPlan.of("premium-0");
  public static readonly PREMIUM_1 = RedisPlan.of("premium-1");
  public static readonly PREMIUM_2 = RedisPlan.of("premium-2");

  public static override of(plan: string): RedisPlan {
    const p = AddonPlan.of("heroku-redis", plan);
    return new RedisPlan(p.service, p.plan, p.serviceInfo, p.planInfo);
  }
}
