/**
 * `dynoform deploy|plan|destroy [stack…] [--target heroku|local]`: synthesize
 * for the target, make sure every secret has a value, then hand the stacks to
 * cdktf. For real Heroku this is plain `cdktf deploy` with the registry
 * provider and the user's HEROKU_API_KEY; nothing dynoform-specific is applied.
 * Stacks the code dropped are named; `deploy --destroy-orphans` destroys them.
 */
import { join, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { runCdktf, type CdktfCommand } from "../../deploy/cdktf-runner";
import { estateSummary } from "../../deploy/estate-summary";
import { localPaths } from "../../lib/local-paths";
import { ensureEstateTeams, prepareLocalTarget } from "../../deploy/local-target";
import { deploySecretValues, secretEnvironment } from "../../deploy/secrets";
import { missingRemoteStates, readSynthesizedTree } from "../../deploy/synthesized-tree";
import { describeOrphan, destroyOrphan, findOrphanedStacks, orphanContents } from "../../deploy/orphans";
import { checkBackendEnvironment, checkChosenBackend, checkLockTimeout, lockTimeoutEnvironment } from "../../deploy/state-locking";
import { DeployTarget } from "../../constructs";
import type { SynthesizedStack } from "../../deploy/secrets";
import { UserError } from "../../lib/user-error";
import { estateProblems } from "../estate-problems";
import { defaultOutDir } from "./synth";

export type DeployVerb = "deploy" | "plan" | "destroy";

/** The options of every command that runs Terraform for a target. */
export const TARGET_OPTIONS = {
  target: { type: "string", default: "heroku" },
  "lock-timeout": { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

const CDKTF_COMMAND: Record<DeployVerb, CdktfCommand> = { deploy: "deploy", plan: "diff", destroy: "destroy" };

/** The command module of one verb: `dynoform deploy`, `plan` and `destroy` share this code. */
export function deployCommand(verb: DeployVerb) {
  return {
    summary: `synthesize, check every secret has a value, then cdktf ${CDKTF_COMMAND[verb]} (--target heroku|local)`,
    run: (args: string[]) => runVerb(verb, args),
  };
}

/** The stacks a plan can cover now; the others are named with what they wait for (internal helper). */
function plannable(stacks: SynthesizedStack[]): SynthesizedStack[] {
  return stacks.filter((stack) => {
    const missing = missingRemoteStates(stack);
    if (missing.length > 0) console.log(`${stack.name}: not planned yet — it reads outputs of stacks not deployed yet (${missing.join(", ")})`);
    return missing.length === 0;
  });
}

async function runVerb(verb: DeployVerb, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...TARGET_OPTIONS, "destroy-orphans": { type: "boolean" } },
  });
  const usage = `usage: dynoform ${verb} [stack…] [--target heroku|local] [--lock-timeout 2m]${verb === "deploy" ? " [--destroy-orphans]" : ""}`;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.target !== "heroku" && values.target !== "local") throw new UserError(`--target "${values.target}" is not heroku or local\n${usage}`, 2);
  if (values["destroy-orphans"] && verb !== "deploy") throw new UserError(`--destroy-orphans goes with deploy, not ${verb}\n${usage}`, 2);
  const problems = estateProblems();
  if (problems) {
    console.error(problems);
    return 1;
  }
  checkLockTimeout(values["lock-timeout"]);
  checkChosenBackend(process.env);
  const local = values.target === "local";
  // Terraform state, its logs and the synthesized tree hold what only this user should read:
  // everything the deploy and its children (cdktf, terraform, the provider) create is 0600/0700.
  process.umask(0o077);
  const outDir = resolve(defaultOutDir(values.target));
  const target = local ? await prepareLocalTarget() : undefined;
  if (target) console.log(target.platformLine);
  const env = target?.env ?? { DYNOFORM_TARGET: "heroku" };
  const synthCode = await runCdktf({ command: "synth", stacks: [], outDir, env, skipProviderLock: local });
  if (synthCode !== 0) return synthCode;
  const all = readSynthesizedTree(outDir);
  const unknown = positionals.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) throw new UserError(`no stack named ${unknown.join(", ")} (there are: ${all.map((s) => s.name).join(", ")})`);
  const stacks = all.filter((s) => positionals.length === 0 || positionals.includes(s.name));
  if (target && verb !== "destroy") await ensureEstateTeams(target, stacks);
  const deployTarget = DeployTarget.fromEnvironment(env);
  const orphans = findOrphanedStacks(all);
  const destroyOrphans = values["destroy-orphans"] === true;
  if (!destroyOrphans) orphans.forEach((orphan) => console.log(describeOrphan(orphan, deployTarget)));
  // Every missing secret is named before terraform runs at all; a rehearsal with local state generates them once and keeps them.
  const secrets = deploySecretValues(stacks, { local, dataDir: localPaths().local, env: process.env });
  // A shared backend's connection is named before terraform runs, and a held lock is waited for.
  checkBackendEnvironment(stacks, process.env);
  const locking = lockTimeoutEnvironment(values["lock-timeout"], stacks);
  const run = { outDir, env: { ...env, ...locking, ...secretEnvironment(secrets) }, skipProviderLock: local, skipSynth: true };
  // cdktf diff takes one stack at a time; deploy and destroy take them all and order them by dependency.
  const batches = verb === "plan" ? plannable(stacks).map((s) => [s.name]) : [positionals];
  let code = 0;
  for (const batch of batches) {
    code = await runCdktf({ command: CDKTF_COMMAND[verb], stacks: batch, ...run });
    if (code !== 0) return code;
  }
  // After the deploy: the stacks still in the code first let go of what they shared with an orphan.
  for (const orphan of destroyOrphans ? orphans : []) {
    console.log(`destroying orphaned stack ${orphan.name}: ${orphanContents(orphan)}`);
    code = await destroyOrphan(orphan, deployTarget, join(outDir, "orphans"), env);
    if (code !== 0) return code;
  }
  if (target && verb === "deploy") console.log(await estateSummary(target));
  return code;
}
