/**
 * Moving a stack's local state file into a shared backend with Terraform's
 * own migration (`init -migrate-state -force-copy`), one step at a time so
 * that a run cut short is finished by the next: what a stack's local file
 * and the backend hold decides what is left to do.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { writeFileAtomic } from "../lib/atomic-file";
import { UserError } from "../lib/user-error";
import type { SynthesizedStack } from "./secrets";
import { terraformIn, terraformProblem } from "./state-terraform";

/** What Terraform keeps of a state that says which state it is. */
export interface StateIdentity {
  readonly lineage: string;
  readonly serial: number;
  readonly resources?: unknown;
  readonly outputs?: unknown;
}

export type MoveDecision =
  | { readonly kind: "nothing" }
  | { readonly kind: "in-target" }
  | { readonly kind: "move" }
  /** Terraform copied it before the run was cut short: only the local file is left to retire. */
  | { readonly kind: "copied" }
  | { readonly kind: "refuse"; readonly why: string };

/**
 * Terraform's migration gives the copy a new lineage and serial 1, so a state
 * already moved is recognised by its content (resources and outputs); one of
 * the same lineage and serial (pushed by hand) is the same state too.
 */
export function decideMove(stack: string, backend: string, local: StateIdentity | undefined, target: StateIdentity): MoveDecision {
  const targetEmpty = target.lineage === "";
  if (!local) return { kind: targetEmpty ? "nothing" : "in-target" };
  if (targetEmpty) return { kind: "move" };
  const sameState = target.lineage === local.lineage && target.serial === local.serial;
  if (sameState || isDeepStrictEqual([target.resources, target.outputs], [local.resources, local.outputs])) return { kind: "copied" };
  return {
    kind: "refuse",
    why: `${backend} already holds a different state for ${stack} (lineage ${target.lineage}, serial ${target.serial}; the local file: lineage ${local.lineage}, serial ${local.serial}): nothing was moved`,
  };
}

/** The local state file a synthesized stack names, if its backend is local and the file exists. */
export function localStateFile(stack: SynthesizedStack): string | undefined {
  const path = stack.json.terraform?.backend?.local?.path;
  return path !== undefined && existsSync(path) ? path : undefined;
}

export function readStateFile(path: string): StateIdentity {
  return JSON.parse(readFileSync(path, "utf8")) as StateIdentity;
}

/** The state the backend configured in `dir` holds now (lineage "" when none). */
export async function pullState(dir: string, backend: string, env: Record<string, string>): Promise<StateIdentity> {
  const pulled = await terraformIn(dir, ["state", "pull"], env);
  if (pulled.code !== 0) throw new UserError(terraformProblem(pulled, backend, env));
  return pulled.stdout.trim() === "" ? { lineage: "", serial: 0 } : (JSON.parse(pulled.stdout) as StateIdentity);
}

/** Initialises `dir` for the backend its cdk.tf.json names, forgetting any earlier one. */
export async function initStack(dir: string, backend: string, env: Record<string, string>, ...flags: string[]): Promise<void> {
  const run = await terraformIn(dir, ["init", "-no-color", ...flags], env);
  if (run.code !== 0) throw new UserError(terraformProblem(run, backend, env));
}

/**
 * A copy of the state file in `backupDir`, timestamped and readable by this
 * user only (a state holds what the provider knows, secrets included), whole
 * or not there: a migration killed mid-copy must not leave an empty backup.
 */
export function backUpStateFile(path: string, backupDir: string, stack: string, now = new Date()): string {
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const backup = join(backupDir, `${stack}.${now.toISOString().replace(/[:.]/g, "-")}.tfstate`);
  writeFileAtomic(backup, readFileSync(path), 0o600);
  return backup;
}

/**
 * Terraform migrates from the backend a folder was last initialised with:
 * `dir` is initialised with the local file first (a config of the backend
 * alone), then with its own config and `-migrate-state -force-copy`.
 */
export async function migrateStack(dir: string, stateFile: string, backend: string, env: Record<string, string>): Promise<void> {
  const config = join(dir, "cdk.tf.json");
  const aside = `${config}.target`;
  renameSync(config, aside);
  writeFileSync(config, JSON.stringify({ terraform: { backend: { local: { path: stateFile } } } }));
  try {
    await initStack(dir, "local", env, "-reconfigure");
  } finally {
    renameSync(aside, config);
  }
  await initStack(dir, backend, env, "-migrate-state", "-force-copy");
}
