/**
 * Per-estate settings of the review: which environments are production and
 * which guardrails apply. They live in an optional `dynoform.policy.yaml` at
 * the project root (or the file `--policy` names); without it the defaults
 * below apply. Unknown keys are errors, so a misspelt rule never silently
 * turns a guardrail off.
 */
import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { UserError } from "../lib/user-error";

export const POLICY_FILE = "dynoform.policy.yaml";

export const PolicyConfigSchema = z.strictObject({
  /** Environment names the production rules apply to (an app's recorded environment, else its stack's name); `*` matches any run of characters. */
  productionEnvironments: z.array(z.string().min(1)).prefault(["production"]),
  rules: z
    .strictObject({
      /** Production runs no eco or basic dynos (they sleep or have no horizontal scaling). */
      "production-dyno-tier": z.boolean().prefault(true),
      /** Production Postgres uses a plan with a high-availability standby. */
      "production-postgres-ha": z.boolean().prefault(true),
      /** Production apps with custom domains have Automated Certificate Management on. */
      "production-acm-on-custom-domains": z.boolean().prefault(true),
      /** Least web dynos in production, or `false` for no minimum. */
      "production-web-min": z.union([z.literal(false), z.number().int().min(1)]).prefault(2),
    })
    .prefault({}),
});

export type PolicyConfig = z.infer<typeof PolicyConfigSchema>;

export const DEFAULT_POLICY_CONFIG: PolicyConfig = PolicyConfigSchema.parse({});

/** Reads a policy file; a missing default file means the defaults, a missing named file is an error. */
export function loadPolicyConfig(path: string, required: boolean): PolicyConfig {
  if (!existsSync(path)) {
    if (required) throw new UserError(`policy file ${path} does not exist`);
    return DEFAULT_POLICY_CONFIG;
  }
  const parsed = PolicyConfigSchema.safeParse(parse(readFileSync(path, "utf8")) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${path}: ${issue.path.join(".") || "(top)"}: ${issue.message.toLowerCase()}`);
  }
  return parsed.data;
}

/** Is this a production environment under the estate's settings? */
export function isProduction(config: PolicyConfig, environment: string): boolean {
  return config.productionEnvironments.some((pattern) =>
    new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(environment),
  );
}
