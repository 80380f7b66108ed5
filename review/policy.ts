/**
 * Guardrails as code: rules as data, each checking the state a stack is left
 * in after the change (not the change itself — that is what risks are for).
 * Which rules run, and which environments count as production, comes from
 * the estate's `PolicyConfig`; each app is judged by its own environment.
 */
import { PolicyConfig, isProduction } from "./policy-config";
import { ResourceChange, StackPlan, existsOn, plainAt } from "./plan-model";
import { addonOn, environmentOf, formationOn, secretLookingReason, secretLookingValues } from "./resource-facts";

export type PolicyRuleId = keyof PolicyConfig["rules"];

export interface PolicyViolation {
  readonly rule: PolicyRuleId;
  readonly stack: string;
  /** The environment the resource was judged by: its app's, else the stack's. */
  readonly environment: string;
  readonly address: string;
  readonly message: string;
}

export interface PolicyRule {
  readonly id: PolicyRuleId;
  readonly description: string;
  /** Whose resources the rule judges: production environments' only, or every environment's. */
  readonly scope: "production" | "every environment";
  /** The violations among a stack's resulting resources in scope; `setting` is the rule's configured value. */
  check(resources: readonly ResourceChange[], setting: PolicyConfig["rules"][PolicyRuleId]): Array<Pick<PolicyViolation, "address" | "message">>;
}

export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: "production-dyno-tier",
    description: "production runs no eco or basic dynos",
    scope: "production",
    check: (resources) =>
      resources.flatMap((r) => {
        const f = formationOn(r, "after");
        return f?.size && (f.size.tier === "eco" || f.size.tier === "basic")
          ? [{ address: r.address, message: `${f.processType} runs ${f.size.name} dynos; production needs standard or performance (no sleeping, preboot, more than one dyno)` }]
          : [];
      }),
  },
  {
    id: "production-postgres-ha",
    description: "production Postgres has a high-availability standby",
    scope: "production",
    check: (resources) =>
      resources.flatMap((r) => {
        const a = addonOn(r, "after");
        return a?.service?.name === "heroku-postgresql" && a.plan && !a.plan.highAvailability
          ? [{ address: r.address, message: `${a.spec} has no high-availability standby; use a premium-* plan` }]
          : [];
      }),
  },
  {
    id: "production-acm-on-custom-domains",
    description: "production apps with custom domains use Automated Certificate Management",
    scope: "production",
    check: (resources) =>
      resources.flatMap((r) => {
        if (r.type !== "heroku_domain") return [];
        const app = resources.find((x) => x.address === r.app);
        return app && plainAt(app, "after", "acm") !== true
          ? [{ address: r.address, message: `${JSON.stringify(plainAt(r, "after", "hostname"))} is served by ${app.address}, which has acm off` }]
          : [];
      }),
  },
  {
    id: "production-web-min",
    description: "production runs at least the configured number of web dynos",
    scope: "production",
    check: (resources, setting) =>
      resources.flatMap((r) => {
        const f = formationOn(r, "after");
        return typeof setting === "number" && f?.processType === "web" && f.quantity !== undefined && f.quantity < setting
          ? [{ address: r.address, message: `web runs ${f.quantity} dyno${f.quantity === 1 ? "" : "s"}; production needs at least ${setting}` }]
          : [];
      }),
  },
  {
    id: "secret-looking-config",
    description: "no plain config var, log drain URL or telemetry header looks like a secret",
    // A credential in a plain value has leaked into git and the plan whatever the environment.
    scope: "every environment",
    check: (resources) => resources.flatMap((r) => secretLookingValues(r, "after").map((v) => ({ address: r.address, message: secretLookingReason(v) }))),
  },
];

/**
 * The violations of every enabled rule among the resources in its scope, in
 * every stack. Orphaned stacks are left out: no code describes them any
 * more, and the orphan risk says what to do with them.
 */
export function policyViolations(stacks: readonly StackPlan[], config: PolicyConfig): PolicyViolation[] {
  return stacks
    .filter((s) => !s.orphaned)
    .flatMap((stack) => {
      const environments = new Map(stack.changes.map((c) => [c.address, environmentOf(stack, c)]));
      const resulting = stack.changes.filter((c) => existsOn(c, "after"));
      const production = resulting.filter((c) => isProduction(config, environments.get(c.address) as string));
      return POLICY_RULES.filter((rule) => config.rules[rule.id] !== false).flatMap((rule) =>
        rule
          .check(rule.scope === "production" ? production : resulting, config.rules[rule.id])
          .map((v) => ({ ...v, rule: rule.id, stack: stack.name, environment: environments.get(v.address) as string })),
      );
    });
}
