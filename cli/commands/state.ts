/**
 * `dynoform state migrate --to BACKEND [--target heroku|local]`: every
 * stack's local state file moved into a shared backend by Terraform's own
 * migration, each file backed up, the move proved by an empty plan; a run
 * cut short is finished by the next.
 * `dynoform state unlock STACK LOCK-ID`: `terraform force-unlock` for s3,
 * http and cloud; a stale local lock cleared; for pg, what to do instead.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { stateBackendFromEnvironment } from "../../constructs";
import { STATE_BACKENDS } from "../../environment-files";
import { didYouMean } from "../../vocabulary";
import { localPaths } from "../../lib/local-paths";
import { UserError } from "../../lib/user-error";
import { prepareLocalTarget } from "../../deploy/local-target";
import { deploySecretValues, secretEnvironment, type SynthesizedStack } from "../../deploy/secrets";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { backendType, checkChosenBackend, checkLockTimeout, lockTimeoutEnvironment } from "../../deploy/state-locking";
import { backUpStateFile, decideMove, initStack, localStateFile, migrateStack, pullState, readStateFile, type MoveDecision } from "../../deploy/state-migration";
import { synthQuietly, terraformIn, terraformProblem } from "../../deploy/state-terraform";
import { PG_LOCK_EXPLANATION } from "../../deploy/state-lock-info";
import { releaseLocalLock } from "../../deploy/state-unlock";
import { estateProblems } from "../estate-problems";
import { defaultOutDir } from "./synth";

export const summary = "move every stack's local state into a shared backend (migrate --to pg), or force-unlock a stack (unlock STACK LOCK-ID)";

const USAGE = `usage: dynoform state migrate --to ${STATE_BACKENDS.join("|")} [--target heroku|local] [--lock-timeout 2m]
       dynoform state unlock STACK LOCK-ID [--target heroku|local]`;

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { to: { type: "string" }, target: { type: "string", default: "heroku" }, "lock-timeout": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || command === undefined || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== "migrate" && command !== "unlock") throw new UserError(`"${command}" is not a state command (migrate, unlock)\n${USAGE}`, 2);
  if (values.target !== "heroku" && values.target !== "local") throw new UserError(`--target "${values.target}" is not heroku or local\n${USAGE}`, 2);
  if (command === "unlock") {
    if (positionals.length !== 2) throw new UserError(`state unlock takes a stack and a lock id\n${USAGE}`, 2);
    return unlock(values.target, positionals[0], positionals[1]);
  }
  const to = values.to ?? "";
  if (!(STATE_BACKENDS as readonly string[]).includes(to)) {
    throw new UserError(`--to "${to}" is not a state backend (${STATE_BACKENDS.join(", ")})${didYouMean(to, STATE_BACKENDS)}`, 2);
  }
  checkChosenBackend({ ...process.env, DYNOFORM_BACKEND: to });
  checkLockTimeout(values["lock-timeout"]);
  return migrate(values.target, to, values["lock-timeout"]);
}

/** The estate checked, then the environment a target's cdktf and Terraform runs need (internal helper). */
async function targetEnvironment(target: "heroku" | "local"): Promise<Record<string, string>> {
  const problems = estateProblems();
  if (problems) throw new UserError(problems);
  // States hold secrets: every copy, backup and working folder is this user's only.
  process.umask(0o077);
  return target === "local" ? (await prepareLocalTarget()).env : { DYNOFORM_TARGET: "heroku" };
}

async function synthesize(outDir: string, env: Record<string, string>): Promise<SynthesizedStack[]> {
  mkdirSync(outDir, { recursive: true });
  const synth = await synthQuietly(outDir, env);
  if (synth.code !== 0) throw new UserError(`cdktf synth failed:\n${synth.output.trim()}`);
  return readSynthesizedTree(outDir);
}

interface StackMove {
  readonly stack: SynthesizedStack;
  /** The stack's folder where deploys synthesize it. */
  readonly dir: string;
  /** A copy of its config, initialised for the new backend, to read what that holds. */
  readonly probe: string;
  readonly stateFile?: string;
  readonly decision: MoveDecision;
}

async function migrate(target: "heroku" | "local", to: string, lockTimeout: string | undefined): Promise<number> {
  const targetEnv = await targetEnvironment(target);
  // The estate as it is (local state, whatever the shell chose) in a fresh folder of its own, and
  // with the new backend where deploys synthesize: its folders end up initialised for the new backend.
  const work = join(localPaths().local, "state-migration", target);
  rmSync(work, { recursive: true, force: true });
  const outDir = resolve(defaultOutDir(target));
  const [from, into] = await Promise.all([
    synthesize(work, { ...targetEnv, DYNOFORM_BACKEND: "" }),
    synthesize(outDir, { ...targetEnv, DYNOFORM_BACKEND: to }),
  ]);
  const env = { ...targetEnv, ...lockTimeoutEnvironment(lockTimeout, into) };
  // First what each stack needs, so that a refusal changes nothing.
  const moves: StackMove[] = [];
  for (const stack of into) {
    const dir = join(outDir, "stacks", stack.name);
    // The backend is read from a folder of its own: the deploys' folder keeps its backend until a stack moves.
    const probe = join(work, "probe", stack.name);
    mkdirSync(probe, { recursive: true });
    copyFileSync(join(dir, "cdk.tf.json"), join(probe, "cdk.tf.json"));
    await initStack(probe, to, env);
    const stateFile = localStateFile(from.find((s) => s.name === stack.name)!);
    const sameFile = stateFile !== undefined && resolve(stack.json.terraform?.backend?.local?.path ?? "") === resolve(stateFile);
    const decision = sameFile ? ({ kind: "in-target" } as const) : decideMove(stack.name, to, stateFile ? readStateFile(stateFile) : undefined, await pullState(probe, to, env));
    if (decision.kind === "refuse") throw new UserError(decision.why);
    moves.push({ stack, dir, probe, stateFile, decision });
  }
  // The proving plans need every secret: a missing one is named before anything moves.
  const secrets = deploySecretValues(into, { local: target === "local", dataDir: localPaths().local, env: process.env });
  const backups = join(localPaths().local, "state-backups");
  let retired = 0;
  for (const { stack, dir, probe, stateFile, decision } of moves) {
    if (decision.kind !== "move" && decision.kind !== "copied") {
      console.log(`${stack.name}: ${decision.kind === "nothing" ? "no state to move" : `already in ${to}`}`);
      continue;
    }
    const backup = backUpStateFile(stateFile!, backups, stack.name);
    if (decision.kind === "move") await migrateStack(dir, stateFile!, to, env);
    // Retired only once the backend is seen to hold the same state.
    const check = decideMove(stack.name, to, readStateFile(stateFile!), await pullState(probe, to, env));
    if (check.kind !== "copied") throw new UserError(`${stack.name}: ${to} does not hold the state just copied; the local file is kept (backup ${backup})`);
    rmSync(stateFile!);
    retired++;
    console.log(`${stack.name}: ${decision.kind === "move" ? "moved" : "already copied by an earlier run, now finished"}: state in ${to}, local file retired (backup ${backup})`);
  }
  if (retired === 0) {
    console.log(`nothing to move: no stack of --target ${target} has a local state file`);
    return 0;
  }
  return proveMove(target, to, moves.filter((m) => m.decision.kind !== "nothing"), { ...env, ...secretEnvironment(secrets) });
}

/** An empty plan per stack: Terraform reads the moved state and finds the platform as it left it (internal helper). */
async function proveMove(target: "heroku" | "local", to: string, moves: readonly StackMove[], planEnv: Record<string, string>): Promise<number> {
  for (const { stack, dir } of moves) {
    // A stack moved by an earlier run may find its folder set up for its local file since: no file, nothing to migrate.
    await initStack(dir, to, planEnv, "-reconfigure");
    const plan = await terraformIn(dir, ["plan", "-detailed-exitcode", "-input=false", "-no-color"], planEnv);
    if (plan.code === 2) throw new UserError(`${stack.name}: its state is in ${to}, but a plan now finds changes: see them with dynoform plan ${stack.name} --target ${target}`);
    if (plan.code !== 0) throw new UserError(`${stack.name}: its state is in ${to}, but the plan failed: ${terraformProblem(plan, to, planEnv)}`);
  }
  console.log(`every plan is empty: ${moves.map((m) => m.stack.name).join(", ")} now keep their state in ${to}`);
  return 0;
}

const pgHasNoUnlock = (stack: string) => new UserError(`${stack} keeps its state in pg: ${PG_LOCK_EXPLANATION}`);

async function unlock(target: "heroku" | "local", name: string, lockId: string): Promise<number> {
  checkChosenBackend(process.env);
  // DYNOFORM_BACKEND overrides every stack's own choice: pg needs no synthesis to be explained.
  if (stateBackendFromEnvironment(process.env)?.name === "pg") throw pgHasNoUnlock(name);
  const env = await targetEnvironment(target);
  const outDir = resolve(defaultOutDir(target));
  const stacks = await synthesize(outDir, env);
  const stack = stacks.find((s) => s.name === name);
  if (!stack) throw new UserError(`no stack named ${name} (there are: ${stacks.map((s) => s.name).join(", ")})`);
  const backend = backendType(stack);
  if (backend === "pg") throw pgHasNoUnlock(name);
  const dir = join(outDir, "stacks", name);
  await initStack(dir, backend, env, "-reconfigure");
  if (backend === "local") {
    const secrets = deploySecretValues([stack], { local: target === "local", dataDir: localPaths().local, env: process.env });
    console.log(await releaseLocalLock(name, dir, resolve(stack.json.terraform?.backend?.local?.path ?? join(dir, "terraform.tfstate")), lockId, { ...env, ...secretEnvironment(secrets) }));
    return 0;
  }
  const unlocked = await terraformIn(dir, ["force-unlock", "-force", "-no-color", lockId], env);
  if (unlocked.code !== 0) throw new UserError(`${name}: ${terraformProblem(unlocked, backend, env)}`);
  console.log(`${name}: unlocked (lock ${lockId})`);
  return 0;
}
