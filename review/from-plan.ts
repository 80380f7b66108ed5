/**
 * Input (a): a saved plan as `terraform show -json` prints it (format 1.x),
 * from any target: the local provider or the registry one against Heroku.
 */
import { diffAttributes, MarkTree } from "./attribute-diff";
import { ChangeAction, ForeignApp, ReplaceOrder, ResourceChange, StackPlan, VariableInfo } from "./plan-model";
import { UserError } from "../lib/user-error";

/** The parts of Terraform's JSON plan representation the review reads. */
export interface TerraformPlanJson {
  format_version: string;
  variables?: Record<string, { value?: unknown }>;
  resource_changes?: Array<{
    address: string;
    /** Set when a `moved` block moves the resource here. */
    previous_address?: string;
    mode: "managed" | "data";
    type: string;
    name: string;
    change: {
      actions: string[];
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      after_unknown?: MarkTree;
      before_sensitive?: MarkTree;
      after_sensitive?: MarkTree;
      replace_paths?: Array<Array<string | number>>;
    };
  }>;
  configuration?: {
    root_module?: {
      resources?: Array<{ address: string; expressions?: Record<string, unknown> }>;
      variables?: Record<string, { sensitive?: boolean; default?: unknown }>;
    };
  };
}

const ACTIONS: Record<string, { action: ChangeAction; replaceOrder?: ReplaceOrder }> = {
  "no-op": { action: "no-op" },
  create: { action: "create" },
  read: { action: "read" },
  update: { action: "update" },
  delete: { action: "delete" },
  "delete,create": { action: "replace", replaceOrder: "delete-before-create" },
  "create,delete": { action: "replace", replaceOrder: "create-before-destroy" },
};

/** Every `references` entry anywhere in an expression tree (internal helper). */
function collectReferences(expression: unknown, into: Set<string>): void {
  if (!expression || typeof expression !== "object") return;
  for (const [key, value] of Object.entries(expression)) {
    if (key === "references" && Array.isArray(value)) value.forEach((r) => into.add(String(r)));
    else collectReferences(value, into);
  }
}

const CROSS_STACK_INPUT = /^data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)$/;

/**
 * The app of another stack that `app_id` refers to: the stack a cross-stack
 * reference reads (a plan does not say which of its apps the output holds),
 * or the name a `data.heroku_app` of the configuration looks up (internal helper).
 */
function foreignAppOf(appReferences: ReadonlySet<string>, configured: ReadonlyMap<string, { expressions?: Record<string, unknown> }>): ForeignApp | undefined {
  for (const reference of appReferences) {
    const stack = CROSS_STACK_INPUT.exec(reference)?.[1];
    if (stack) return { stack };
    const name = reference.startsWith("data.heroku_app.") ? (configured.get(reference)?.expressions?.name as { constant_value?: unknown } | undefined)?.constant_value : undefined;
    if (typeof name === "string") return { name };
  }
  return undefined;
}

/** The sensitive variables' values, to mask them wherever they reappear (internal helper). */
function sensitiveValueTest(plan: TerraformPlanJson): (value: unknown) => boolean {
  const declared = plan.configuration?.root_module?.variables ?? {};
  const secrets = Object.entries(plan.variables ?? {})
    .filter(([name, v]) => declared[name]?.sensitive && typeof v.value === "string" && v.value.length >= 4)
    .map(([, v]) => v.value as string);
  return (value) => typeof value === "string" && secrets.some((s) => value.includes(s));
}

/** Reads one stack's plan into the model. Variable values are looked at, never kept. */
export function stackFromPlanJson(stackName: string, plan: TerraformPlanJson): StackPlan {
  if (!/^1\./.test(plan.format_version ?? "")) {
    throw new UserError(`plan for ${stackName}: format_version "${plan.format_version}" is not 1.x; pass the output of terraform show -json PLANFILE`);
  }
  const configured = new Map((plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r]));
  const addresses = new Set((plan.resource_changes ?? []).map((rc) => rc.address));
  const isSensitiveValue = sensitiveValueTest(plan);
  const changes: ResourceChange[] = (plan.resource_changes ?? []).map((rc) => {
    const mapped = ACTIONS[rc.change.actions.join(",")];
    if (!mapped) throw new UserError(`plan for ${stackName}: ${rc.address} has actions [${rc.change.actions.join(", ")}], which the review does not know`);
    const replacePaths = (rc.change.replace_paths ?? []).map((p) => p.filter((s) => typeof s === "string").join("."));
    const expressions = configured.get(rc.address)?.expressions;
    const references = new Set<string>();
    collectReferences(expressions, references);
    const appReferences = new Set<string>();
    collectReferences(expressions?.app_id, appReferences);
    const app = [...appReferences].find((r) => r.startsWith("heroku_app.") && addresses.has(r));
    const foreignApp = app ? undefined : foreignAppOf(appReferences, configured);
    return {
      address: rc.address,
      type: rc.type,
      name: rc.name,
      ...mapped,
      attributes: diffAttributes(
        rc.type,
        { values: rc.change.before, sensitive: rc.change.before_sensitive, isSensitiveValue },
        { values: rc.change.after, sensitive: rc.change.after_sensitive, unknown: rc.change.after_unknown, isSensitiveValue },
        (path) => mapped.action === "replace" && replacePaths.some((p) => path === p || path.startsWith(`${p}.`)),
      ),
      references: [...references].filter((r) => addresses.has(r) && r !== rc.address).sort(),
      ...(app ? { app } : {}),
      ...(foreignApp ? { foreignApp } : {}),
      ...(rc.previous_address ? { previousAddress: rc.previous_address } : {}),
    };
  });
  const declared = plan.configuration?.root_module?.variables ?? {};
  const variables: VariableInfo[] = Object.entries(declared).map(([name, v]) => {
    const value = plan.variables?.[name]?.value;
    return { name, sensitive: v.sensitive === true, hasValueSource: value !== undefined && value !== null && value !== "", added: false };
  });
  return { name: stackName, changes, variables };
}
