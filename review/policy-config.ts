/**
 * Per-estate settings of the review: which environments are production and
 * which guardrails apply. They live in an optional `dynoform.policy.yaml` at
 * the project root (or the file `--policy` names); without it the defaults
 * below apply. Unknown keys are errors, so a misspelt rule never silently
 * turns a guardrail off.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readYamlValue } from "../environment-files/yaml-file";
import { UserError } from "../lib/user-error";
import type { EnvironmentCheckOptions } from "../environment-files/environment-rules";
import { projectDir } from "../environment-files/project-config";

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
      /**
       * A plain config var, log drain URL or telemetry header that looks like a secret (rules/secret-looking.ts), in any environment:
       * `false` leaves it a risk (the default: a heuristic must not fail every existing estate's
       * checks on a value no pull request touched), `true` makes it a violation, `refuse` also has
       * the environment check refuse the file at synth.
       */
      "secret-looking-config": z.union([z.boolean(), z.literal("refuse")]).prefault(false),
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
  const parsed = PolicyConfigSchema.safeParse(readYamlValue(path) ?? {});
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

/** What the policy asks of the environment check when the estate is loaded for synth (`loadEstate`). */
export function environmentCheckOptions(config: PolicyConfig): EnvironmentCheckOptions {
  return { refuseSecretLookingConfig: config.rules["secret-looking-config"] === "refuse" };
}

/** What the project's own policy file asks of the environment check: synth and every command's first check use it. */
export function projectEnvironmentCheck(): EnvironmentCheckOptions {
  return environmentCheckOptions(loadPolicyConfig(join(projectDir(), POLICY_FILE), false));
}
