/**
 * `dynoform deploy|plan|destroy [stack…] [--target heroku|local]`: synthesize
 * for the target (in this process), make sure every secret has a value, then
 * run Terraform in each stack's folder (deploy/terraform-runner.ts): init only
 * when a stack's providers or backend changed, stacks in parallel as far as
 * their dependencies allow, and for `local` one provider process for the whole
 * run, shown by the live view (deploy/progress: a line per stack, then a
 * summary per stack and a log file each; `--verbose` streams every line). For real Heroku this is plain Terraform with the registry provider and
 * the user's HEROKU_API_KEY, as `cdktf deploy` runs it; nothing
 * dynoform-specific is applied. Stacks the code dropped are named;
 * `deploy --destroy-orphans` destroys them.
 */
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { estateSummary } from "../../deploy/estate-summary";
import { localPaths } from "../../lib/local-paths";
import { ensureEstateTeams, prepareLocalTarget } from "../../deploy/local-target";
import { startLocalProvider, type LocalProvider } from "../../deploy/local-provider";
import { deploySecretValues, secretEnvironment, valuesToMask } from "../../deploy/secrets";
import { missingRemoteStates, readSynthesizedTree } from "../../deploy/synthesized-tree";
import { describeOrphan, destroyOrphan, findOrphanedStacks, orphanContents } from "../../deploy/orphans";
import { checkBackendEnvironment, checkChosenBackend, checkLockTimeout, lockTimeoutEnvironment } from "../../deploy/state-locking";
import { createProgressView } from "../../deploy/progress";
import { ensureInit, noticesThrough, runStacks, stackDir, terraform, withInterrupts, type StackOrder } from "../../deploy/terraform-runner";
import { DeployTarget } from "../../constructs";
import type { SynthesizedStack } from "../../deploy/secrets";
import { UserError } from "../../lib/user-error";
import { estateProblems } from "../estate-problems";
import { synthesizeEstate } from "../estate-synth";
import { defaultOutDir } from "./synth";

export type DeployVerb = "deploy" | "plan" | "destroy";

/** The options of every command that runs Terraform for a target. */
export const TARGET_OPTIONS = {
  target: { type: "string", default: "heroku" },
  "lock-timeout": { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** What each verb runs in a stack: the flags `cdktf deploy|diff|destroy` pass (with -input=false, as nothing can answer a prompt). */
const TERRAFORM: Record<DeployVerb, { args: string[]; doing: "applying" | "planning" | "destroying"; shows: "apply" | "plan" | "destroy"; order: StackOrder }> = {
  deploy: { args: ["apply", "-auto-approve", "-input=false", "-no-color"], doing: "applying", shows: "apply", order: "dependencies-first" },
  // A plan changes no state: the stacks a plan can cover are planned all at once.
  plan: { args: ["plan", "-input=false", "-no-color"], doing: "planning", shows: "plan", order: "any" },
  destroy: { args: ["destroy", "-auto-approve", "-input=false", "-no-color"], doing: "destroying", shows: "destroy", order: "dependents-first" },
};

/** Where a plan of the run keeps its saved plan in the stack's folder, for its changes shown after the view (0600 by the run's umask; removed after). */
const PLAN_FILE = "dynoform-plan.tfplan";

/** The command module of one verb: `dynoform deploy`, `plan` and `destroy` share this code. */
export function deployCommand(verb: DeployVerb) {
  return {
    summary: `synthesize, check every secret has a value, then terraform ${TERRAFORM[verb].args[0]} each stack (--target heroku|local)`,
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

/**
 * Like cdktf, a run never leaves out a stack the ones named need first
 * (deploy) or that need them (destroy) (internal helper).
 */
function checkIncluded(verb: DeployVerb, all: readonly SynthesizedStack[], stacks: readonly SynthesizedStack[]): void {
  const named = new Set(stacks.map((s) => s.name));
  const missing =
    verb === "deploy"
      ? stacks.flatMap((s) => s.dependencies ?? []).filter((name) => !named.has(name))
      : verb === "destroy"
        ? all.filter((s) => !named.has(s.name) && s.dependencies?.some((name) => named.has(name))).map((s) => s.name)
        : [];
  if (missing.length === 0) return;
  const names = [...new Set(missing)].join(", ");
  throw new UserError(
    verb === "deploy" ? `name ${names} too: the stacks named read its outputs, so it is deployed first` : `name ${names} too: it reads outputs of the stacks named, so it is destroyed first`,
    2,
  );
}

async function runVerb(verb: DeployVerb, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...TARGET_OPTIONS, "destroy-orphans": { type: "boolean" }, verbose: { type: "boolean", short: "v" } },
  });
  const usage = `usage: dynoform ${verb} [stack…] [--target heroku|local] [--lock-timeout 2m] [--verbose]${verb === "deploy" ? " [--destroy-orphans]" : ""}`;
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
  // everything the deploy and its children (terraform, the provider) create is 0600/0700.
  process.umask(0o077);
  const outDir = resolve(defaultOutDir(values.target));
  const target = local ? await prepareLocalTarget() : undefined;
  if (target) console.log(target.platformLine);
  const env = target?.env ?? { DYNOFORM_TARGET: "heroku" };
  let provider: LocalProvider | undefined;
  return withInterrupts(
    async () => {
      // The one provider process of the run starts while this process synthesizes.
      provider = target && startLocalProvider(target.providerPackageDir, env);
      synthesizeEstate(outDir, env);
      const all = readSynthesizedTree(outDir);
      const unknown = positionals.filter((name) => !all.some((s) => s.name === name));
      if (unknown.length > 0) throw new UserError(`no stack named ${unknown.join(", ")} (there are: ${all.map((s) => s.name).join(", ")})`);
      const stacks = all.filter((s) => positionals.length === 0 || positionals.includes(s.name));
      checkIncluded(verb, all, stacks);
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
      const secretEnv = secretEnvironment(secrets);
      const { args, doing, shows, order } = TERRAFORM[verb];
      const running = verb === "plan" ? plannable(stacks) : stacks;
      // While Terraform works, one line per stack; then a summary per stack, every stack's output in its log.
      const view = createProgressView({
        stacks: running.map((s) => s.name),
        out: process.stdout,
        verbose: values.verbose === true,
        logDir: join(outDir, "logs"),
        secrets: valuesToMask(secretEnv, env),
      });
      noticesThrough(view);
      const planFile = (stack: string) => join(stackDir(outDir, stack), PLAN_FILE);
      try {
        if (provider) view.note(`local provider: pid ${provider.pid}, serving every stack of this run`);
        const session = { env: { ...env, ...locking, ...secretEnv }, provider, providerPackageDir: target?.providerPackageDir, view };
        await runStacks(running, order, async (stack) => {
          const dir = stackDir(outDir, stack.name);
          await ensureInit(session, stack, dir);
          await terraform(session, { stack: stack.name, dir, args: verb === "plan" ? [...args, `-out=${planFile(stack.name)}`] : args, doing, shows });
        });
        // After the deploy: the stacks still in the code first let go of what they shared with an orphan.
        for (const orphan of destroyOrphans ? orphans : []) {
          view.note(`destroying orphaned stack ${orphan.name}: ${orphanContents(orphan)}`);
          await destroyOrphan(orphan, deployTarget, join(outDir, "orphans"), session);
        }
        // A plan's changes, as `terraform plan` shows them (each line after its stack's name when there are several).
        for (const stack of verb === "plan" ? running : []) {
          const dir = stackDir(outDir, stack.name);
          const shown = await terraform(session, { stack: stack.name, dir, args: ["show", "-no-color", planFile(stack.name)], doing: "reading", capture: true });
          const prefix = running.length > 1 ? `${stack.name}  ` : "";
          view.note(shown.stdout.replace(/\n+$/, "").split("\n").map((line) => `${prefix}${line}`.trimEnd()).join("\n"));
        }
      } finally {
        noticesThrough(undefined);
        view.close();
        // A saved plan holds the secrets' values: none is left behind.
        for (const stack of verb === "plan" ? running : []) if (existsSync(planFile(stack.name))) rmSync(planFile(stack.name), { force: true });
      }
      if (target && verb === "deploy") console.log(await estateSummary(target));
      return 0;
    },
    async () => provider?.stop(),
  );
}
