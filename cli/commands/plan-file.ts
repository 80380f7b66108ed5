/**
 * Saved plans, for CI that applies exactly what was reviewed:
 * `dynoform plan STACK --out FILE` writes Terraform's binary plan and, next
 * to it, `FILE.json` (`terraform show -json`, what `dynoform review --plan`
 * reads); `dynoform apply STACK FILE` runs `terraform apply FILE` in the
 * stack's synthesized folder, and Terraform refuses a plan made stale by a
 * change of state since. `plan` without --out is `dynoform plan` as before.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { applyPlanFile, planToFile } from "../../deploy/plan-files";
import { withStackRun } from "../../deploy/plan-run";
import { deploySecretValues, type SynthesizedStack } from "../../deploy/secrets";
import { localPaths } from "../../lib/local-paths";
import { UserError } from "../../lib/user-error";
import { estateProblems } from "../estate-problems";
import { synthesizeEstate } from "../estate-synth";
import { deployCommand, TARGET_OPTIONS } from "./deploy";
import { defaultOutDir } from "./synth";

const PLAN_USAGE = "usage: dynoform plan STACK --out FILE [--target heroku|local] [--lock-timeout 2m]";
const APPLY_USAGE = "usage: dynoform apply STACK FILE [--target heroku|local] [--lock-timeout 2m]";

/** The options both commands take; the estate's files are checked first (internal helper). */
function parse(args: string[], withOut: boolean) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: withOut ? { ...TARGET_OPTIONS, out: { type: "string" as const } } : TARGET_OPTIONS,
  });
  const problems = values.help ? undefined : estateProblems();
  if (problems) throw new UserError(problems);
  const outDir = resolve(defaultOutDir(values.target === "local" ? "local" : "heroku"));
  return { values: values as typeof values & { out?: string }, positionals, outDir };
}

/** `dynoform plan`: with --out, one stack to a saved plan; without, every stack's diff (cli/commands/deploy.ts). */
export const planCommand = {
  summary: `${deployCommand("plan").summary}; STACK --out FILE saves the plan`,
  run: async (args: string[]): Promise<number> => {
    if (!args.some((a) => a === "--out" || a.startsWith("--out="))) return deployCommand("plan").run(args);
    const { values, positionals, outDir } = parse(args, true);
    if (positionals.length !== 1 || !values.out) throw new UserError(`plan --out takes one stack (got ${positionals.length})\n${PLAN_USAGE}`, 2);
    const file = resolve(values.out);
    const options = {
      target: values.target,
      outDir,
      stack: positionals[0],
      lockTimeout: values["lock-timeout"],
      synthesize: synthesizeEstate,
      // As `deploy` does: generated values only for a rehearsal whose state is this machine's own.
      secrets: (stack: SynthesizedStack, local: boolean) => deploySecretValues([stack], { local, dataDir: localPaths().local, env: process.env }),
    };
    return withStackRun(options, async (run) => {
      const changes = await planToFile(run.session, { stack: run.stack.name, dir: run.dir }, file);
      run.note(`${run.stack.name}: ${changes ? "saved the plan" : "no changes; saved the empty plan"} to ${values.out} and ${values.out}.json`);
      return 0;
    });
  },
};

/** `dynoform apply STACK FILE`: exactly the saved plan, or Terraform's refusal in one line. */
export const applyCommand = {
  summary: "apply a plan saved by plan STACK --out FILE, exactly (a stale plan is refused)",
  run: async (args: string[]): Promise<number> => {
    const { values, positionals, outDir } = parse(args, false);
    if (values.help) {
      console.log(APPLY_USAGE);
      return 0;
    }
    if (positionals.length !== 2) throw new UserError(`apply takes a stack and a plan file (got ${positionals.join(" ") || "nothing"})\n${APPLY_USAGE}`, 2);
    const [stack, file] = positionals;
    // The saved plan carries the secrets' values: none are asked for again.
    return withStackRun({ target: values.target, outDir, stack, lockTimeout: values["lock-timeout"], synthesize: synthesizeEstate }, async (run) => {
      await applyPlanFile(run.session, { stack, dir: run.dir }, resolve(file));
      run.note(`${stack}: applied ${file}`);
      return 0;
    });
  },
};
