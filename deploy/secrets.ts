import { existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { writeFileAtomic } from "../lib/atomic-file";
import { UserError } from "../lib/user-error";
import { backendType } from "./state-locking";

/** A synthesized stack: its name and its parsed cdk.tf.json. */
export interface SynthesizedStack {
  readonly name: string;
  /** The stacks it reads outputs of (cdktf's manifest): deployed before it, destroyed after it. */
  readonly dependencies?: readonly string[];
  readonly json: {
    variable?: Record<string, { sensitive?: boolean; default?: unknown }>;
    data?: { terraform_remote_state?: Record<string, { config?: { path?: string } }> };
    terraform?: { backend?: { local?: { path?: string } } & Record<string, Record<string, unknown> | undefined>; cloud?: unknown };
    resource?: {
      heroku_app?: Record<string, { organization?: { name?: unknown } }>;
      heroku_team_member?: Record<string, { team?: unknown }>;
      heroku_drain?: Record<string, { sensitive_url?: unknown }>;
    };
  };
}

/**
 * The sensitive Terraform variables a set of stacks needs a value for. The
 * constructs turn every secret into such a variable (a secret config var,
 * or a secret value: a log drain's URL, a telemetry header), so this is the
 * list of secrets a deploy must feed as `TF_VAR_<name>`.
 */
export function requiredSecretVariables(stacks: readonly SynthesizedStack[]): string[] {
  const names = new Set<string>();
  for (const stack of stacks) {
    for (const [name, variable] of Object.entries(stack.json.variable ?? {})) {
      if (variable.sensitive && variable.default === undefined) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The secrets that are a log drain's whole URL (`sensitive_url` of
 * `${var.NAME}`): a value made up for them must be a URL, or the drain is
 * refused as invalid.
 */
export function drainUrlSecrets(stacks: readonly SynthesizedStack[]): string[] {
  const names = new Set<string>();
  for (const stack of stacks) {
    for (const drain of Object.values(stack.json.resource?.heroku_drain ?? {})) {
      const name = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(String(drain.sensitive_url))?.[1];
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * A made-up secret from random hex: the hex itself, or for a drain's URL a
 * URL holding it, on a host that resolves nowhere (`.invalid`, RFC 2606).
 */
export function madeUpSecret(hex: string, url: boolean): string {
  return url ? `https://dynoform:${hex}@drain.invalid/` : hex;
}

/** The local secrets file, `<dataDir>/secrets.json` (internal helpers). */
function readLocalSecrets(dataDir: string): Record<string, string> {
  const file = join(dataDir, "secrets.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
}

function writeLocalSecrets(dataDir: string, values: Record<string, string>): void {
  writeFileAtomic(join(dataDir, "secrets.json"), JSON.stringify(values, null, 2) + "\n", 0o600);
}

/**
 * Values for a local target: generated once (32 random bytes, hex; a URL
 * holding them for the names in `urls`, see `drainUrlSecrets`) and kept in
 * `<dataDir>/secrets.json` (mode 0600), so every later run feeds the same
 * values and plans stay empty.
 */
export function localSecretValues(dataDir: string, names: readonly string[], urls: readonly string[] = []): Record<string, string> {
  const stored = readLocalSecrets(dataDir);
  const missing = names.filter((n) => stored[n] === undefined);
  if (missing.length > 0) {
    for (const name of missing) stored[name] = madeUpSecret(randomBytes(32).toString("hex"), urls.includes(name));
    writeLocalSecrets(dataDir, stored);
  }
  return Object.fromEntries(names.map((n) => [n, stored[n]]));
}

/** Seeds the local secrets file with known values (an imported app's live ones), keeping the others. */
export function storeLocalSecretValues(dataDir: string, values: Record<string, string>): void {
  writeLocalSecrets(dataDir, { ...readLocalSecrets(dataDir), ...values });
}

/**
 * Values for a real target come from the environment only. Every missing one
 * is named in one error (ending with `why` they are needed), before anything
 * is planned or applied.
 */
export function environmentSecretValues(names: readonly string[], env: NodeJS.ProcessEnv, why = "before deploying to heroku"): Record<string, string> {
  const missing = names.filter((n) => env[`TF_VAR_${n}`] === undefined);
  if (missing.length > 0) {
    throw new UserError(`missing secret values: set ${missing.map((n) => `TF_VAR_${n}`).join(", ")} in the environment ${why}`);
  }
  return Object.fromEntries(names.map((n) => [n, env[`TF_VAR_${n}`] as string]));
}

/** The environment variables that hand the values to terraform. */
export function secretEnvironment(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`TF_VAR_${name}`, value]));
}

/** What a run's output must never show: its secrets' values and the API keys it runs with (the live view masks them). */
export function valuesToMask(secretEnv: Record<string, string>, runEnv: Record<string, string | undefined>): string[] {
  return [...Object.values(secretEnv), ...[runEnv.HEROKU_API_KEY, process.env.HEROKU_API_KEY].filter((key): key is string => Boolean(key))];
}

/** The shared state backend of a run, if any: DYNOFORM_BACKEND's choice, else a stack's own (internal helper). */
function sharedBackend(stacks: readonly SynthesizedStack[], env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env.DYNOFORM_BACKEND;
  if (chosen && chosen !== "local") return chosen;
  return stacks.map(backendType).find((type) => type !== "local");
}

/**
 * The secret values of a deploy's stacks. A generated file serves only a
 * rehearsal whose state is this machine's own. With real Heroku, or with
 * state that other working copies share, the values come from `TF_VAR_*`:
 * two copies each feeding their own generated values would flip each
 * other's secrets with every apply.
 */
export function deploySecretValues(
  stacks: readonly SynthesizedStack[],
  { local, dataDir, env }: { local: boolean; dataDir: string; env: NodeJS.ProcessEnv },
): Record<string, string> {
  const names = requiredSecretVariables(stacks);
  const shared = sharedBackend(stacks, env);
  if (local && shared === undefined) return localSecretValues(dataDir, names, drainUrlSecrets(stacks));
  return environmentSecretValues(names, env, local ? `(the ${shared} state backend is shared: every working copy feeds the same values)` : undefined);
}
