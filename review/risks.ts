/**
 * Risk flags: changes a reviewer must not miss, each with the reason in
 * words. A risk is about what this change does (a policy violation is about
 * the state it leaves); every rule is a small function over one stack.
 */
import { AttributeChange, ResourceChange, ShownValue, StackPlan, existsOn, plainAt } from "./plan-model";
import { addonOn, appNameOn, formationOn, secretLookingReason, secretLookingValues, usd } from "./resource-facts";

export type RiskRule =
  | "data-loss"
  | "app-destroyed"
  | "replacement"
  | "stack-change"
  | "production-scale-down"
  | "domain-removed"
  | "plan-downgrade"
  | "secret-without-source"
  | "secret-looking-config"
  | "prevent-destroy-removed"
  | "blocked-by-prevent-destroy"
  | "orphaned-stack";

export interface Risk {
  readonly rule: RiskRule;
  readonly stack: string;
  /** The resource, or `var.NAME` for a variable; absent for the whole stack. */
  readonly address?: string;
  readonly reason: string;
}

export interface RiskContext {
  readonly stack: StackPlan;
  /** Is this resource judged by a production environment's rules? */
  readonly production: (change: ResourceChange) => boolean;
}

/** A value for a sentence: quoted content, or what stands in for it (internal helper). */
function describeValue(v: ShownValue): string {
  switch (v.kind) {
    case "value":
      return typeof v.value === "string" ? `"${v.value}"` : String(v.value);
    case "structure":
      return v.json;
    case "sensitive":
      return "(sensitive)";
    case "unknown":
      return "(known after apply)";
    case "absent":
      return "(none)";
  }
}

/** "region "us" → "eu"" for the attributes that force a replacement (internal helper). */
function forcedBy(change: ResourceChange): string {
  const forcing = change.attributes.filter((a) => a.forcesReplacement);
  if (forcing.length === 0) return "";
  const what = forcing.map((a: AttributeChange) =>
    a.after.kind === "unknown" ? `${a.path} gets a new value (what it refers to is replaced)` : `${a.path} changes ${describeValue(a.before)} → ${describeValue(a.after)}`,
  );
  return ` because ${what.join(", ")}, which heroku/heroku cannot update in place`;
}

const destroys = (c: ResourceChange): boolean => c.action === "delete" || c.action === "replace";
const verb = (c: ResourceChange): string => (c.action === "replace" ? "replaces" : "destroys");

type Rule = (change: ResourceChange, context: RiskContext) => Omit<Risk, "stack" | "address"> | undefined;

const RESOURCE_RULES: readonly Rule[] = [
  (c) => {
    const addon = addonOn(c, "before");
    if (!destroys(c) || !addon?.service?.holdsData) return undefined;
    return {
      rule: "data-loss",
      reason: `${verb(c)} ${addon.service.humanName} (${addon.spec})${forcedBy(c)}: the data it holds is lost; a replacement starts empty`,
    };
  },
  (c) => {
    if (c.type !== "heroku_app" || !destroys(c)) return undefined;
    const name = plainAt(c, "before", "name");
    return {
      rule: "app-destroyed",
      reason: `${verb(c)} app ${JSON.stringify(name ?? c.name)}${forcedBy(c)}: its releases, config vars, add-on attachments and herokuapp.com hostname go with it`,
    };
  },
  (c) => {
    // Apps, data add-ons and domains have rules of their own that say more.
    if (c.action !== "replace" || ["heroku_app", "heroku_domain"].includes(c.type) || addonOn(c, "before")?.service?.holdsData) return undefined;
    return { rule: "replacement", reason: `replaced${forcedBy(c)}` };
  },
  (c) => {
    const stack = c.attributes.find((a) => a.path === "stack" && a.changed);
    if (c.type !== "heroku_app" || c.action !== "update" || !stack) return undefined;
    return {
      rule: "stack-change",
      reason: `stack changes ${describeValue(stack.before)} → ${describeValue(stack.after)}: updated in place, but the app keeps running the old stack until its next build, which must succeed on the new one`,
    };
  },
  (c, { production }) => {
    const before = formationOn(c, "before");
    const after = formationOn(c, "after");
    if (!production(c) || !after || after.quantity === undefined || (before && before.quantity === after.quantity)) return undefined;
    if (after.quantity === 0) return { rule: "production-scale-down", reason: `scales production ${after.processType ?? "process"} dynos to 0: it stops serving` };
    if (after.processType === "web" && after.quantity < 2) {
      return { rule: "production-scale-down", reason: `production web runs ${after.quantity} dyno: no redundancy during restarts and dyno cycling` };
    }
    return undefined;
  },
  (c) => {
    if (c.type !== "heroku_domain" || !destroys(c)) return undefined;
    const hostname = plainAt(c, "before", "hostname");
    return {
      rule: "domain-removed",
      reason:
        c.action === "delete"
          ? `removes custom domain ${JSON.stringify(hostname)}: requests for it stop reaching the app`
          : `re-creates custom domain ${JSON.stringify(hostname)}${forcedBy(c)}: it gets a new DNS target, and its CNAME must be updated`,
    };
  },
  (c) => {
    const before = addonOn(c, "before");
    const after = addonOn(c, "after");
    if (c.action !== "update" || !before?.plan || !after?.plan || before.service !== after.service) return undefined;
    if (after.plan.monthlyUsd >= before.plan.monthlyUsd) return undefined;
    return {
      rule: "plan-downgrade",
      reason: `downgrades ${before.spec} (${usd(before.plan.monthlyUsd)}/month) → ${after.spec} (${usd(after.plan.monthlyUsd)}/month): less capacity${before.plan.highAvailability && !after.plan.highAvailability ? " and no high-availability standby" : ""}`,
    };
  },
  (c) => {
    if (c.action !== "replace" || !c.preventDestroy?.after) return undefined;
    return { rule: "blocked-by-prevent-destroy", reason: "lifecycle.prevent_destroy is set: Terraform refuses to replace it, so this plan fails until the protection is removed" };
  },
  (c) => {
    if (!c.preventDestroy?.before || c.preventDestroy.after) return undefined;
    return {
      rule: "prevent-destroy-removed",
      reason:
        c.action === "delete"
          ? "was protected by lifecycle.prevent_destroy, which goes away with its removed block: Terraform destroys it without objection"
          : "lifecycle.prevent_destroy removed: Terraform will no longer refuse to destroy it",
    };
  },
];

/**
 * A stack the code dropped: its changes are no-ops because nothing will run
 * Terraform on it again, which is the risk (internal helper).
 */
function orphanRisk(stack: StackPlan): Risk {
  const resources = stack.changes.filter((c) => existsOn(c, "before"));
  const apps = resources.filter((c) => c.type === "heroku_app").map((c) => JSON.stringify(appNameOn(c, "before")));
  const data = resources.some((c) => addonOn(c, "before")?.service?.holdsData) ? " (their data too)" : "";
  const what = `its ${resources.length} resource${resources.length === 1 ? "" : "s"}${apps.length > 0 ? ` (app ${apps.join(", ")} and what hangs on it)` : ""}`;
  return {
    rule: "orphaned-stack",
    stack: stack.name,
    reason:
      `orphaned: the stack is no longer in the code, but nothing destroys what it deployed — \`dynoform deploy\` only runs the stacks it synthesizes, ` +
      `so ${what} keep running and billing, unmanaged. Once this change is merged, \`npx dynoform deploy --destroy-orphans\` destroys them${data}; ` +
      "to keep managing them, restore the stack",
  };
}

/** Every risk of one stack's changes, in resource order. */
export function stackRisks(context: RiskContext): Risk[] {
  if (context.stack.orphaned) return [orphanRisk(context.stack)];
  const risks: Risk[] = [];
  for (const change of context.stack.changes) {
    for (const rule of RESOURCE_RULES) {
      const found = rule(change, context);
      if (found) risks.push({ ...found, stack: context.stack.name, address: change.address });
    }
    // One per plain config var, drain URL or header this change sets to something that looks secret: the value is now in git and the plan.
    for (const v of secretLookingValues(change, "after").filter((x) => x.changed)) {
      risks.push({ rule: "secret-looking-config", stack: context.stack.name, address: change.address, reason: secretLookingReason(v) });
    }
  }
  for (const variable of context.stack.variables) {
    if (variable.sensitive && variable.added && !variable.hasValueSource) {
      risks.push({
        rule: "secret-without-source",
        stack: context.stack.name,
        address: `var.${variable.name}`,
        reason: `new secret with no value source: set TF_VAR_${variable.name} wherever real deploys run, or they stop before planning`,
      });
    }
  }
  return risks;
}

