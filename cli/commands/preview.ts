/**
 * `dynoform preview up|down <name> [--from staging] [--target heroku|local]`:
 * a per-pull-request environment. `up` clones the source with the review
 * profile into `<DYNOFORM_HOME>/previews/<name>/` (never into
 * environments/), plans and applies its own stack `preview-<name>`, and
 * prints its URL as a last line `url: …`; a second `up` with nothing changed
 * applies nothing. `down` destroys it, drops its state and removes its files.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { previewStackName, writePreviewEnvironment } from "../../clone/preview-environment";
import { appUrls, applyPlanFile, destroyStack, planToFile } from "../../deploy/plan-files";
import { withStackRun, type StackRun } from "../../deploy/plan-run";
import { previewBackendEnvironment, previewDir, previewSecretValues, removePreviewState } from "../../deploy/previews";
import type { SynthesizedStack } from "../../deploy/secrets";
import { loadEstate } from "../../environment-files";
import { UserError } from "../../lib/user-error";
import { estateProblems } from "../estate-problems";
import { synthesizeEstate } from "../estate-synth";

export const summary = "bring a per-PR preview of staging up (its URL) or down (nothing left): preview up|down NAME";

const USAGE = `usage: dynoform preview up|down <name> [--from staging] [--target heroku|local] [--lock-timeout 2m]
  up    clone --from (default staging) with the review profile into $DYNOFORM_HOME/previews/<name>/,
        deploy it as stack preview-<name>, print its URL
  down  destroy preview-<name>, drop its state, remove its folder`;

/** Writes the preview's file, prepares its stack for Terraform and runs `body` with it (internal helper). */
async function withPreview<T>(name: string, from: string, target: string, lockTimeout: string | undefined, body: (run: StackRun, dir: string) => Promise<T>): Promise<T> {
  const problems = estateProblems();
  if (problems) throw new UserError(problems);
  const dir = previewDir(name);
  const stack = previewStackName(name);
  const backend = previewBackendEnvironment(dir);
  writePreviewEnvironment(loadEstate(), from, name, dir);
  const options = {
    target,
    outDir: join(dir, "cdktf.out"),
    stack,
    lockTimeout,
    synthesize: synthesizeEstate,
    // Only the preview's file is synthesized: no other stack, above all not the pipeline's.
    synthEnv: { DYNOFORM_ENVIRONMENTS: dir, ...backend },
    secrets: (stack: SynthesizedStack) => previewSecretValues(stack, dir),
  };
  return withStackRun(options, (run) => body(run, dir));
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: "string", default: "staging" },
      target: { type: "string", default: "heroku" },
      "lock-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [action, name] = positionals;
  if ((action !== "up" && action !== "down") || !name || positionals.length > 2) throw new UserError(`preview takes up or down and a name (got ${positionals.join(" ") || "nothing"})\n${USAGE}`, 2);
  previewStackName(name);
  return withPreview(name, values.from, values.target, values["lock-timeout"], async (run, dir) => {
    const stack = run.stack.name;
    const folder = { stack, dir: run.dir };
    if (action === "down") {
      await destroyStack(run.session, folder);
      removePreviewState(run.stack);
      rmSync(dir, { recursive: true, force: true });
      run.note(`${stack}: destroyed; its state and ${dir} are gone`);
      return 0;
    }
    const plan = join(dir, "plan.tfplan");
    if (await planToFile(run.session, folder, plan)) await applyPlanFile(run.session, folder, plan);
    else run.note(`${stack}: no changes`);
    // The plan holds the secrets' values: it is not kept once applied.
    rmSync(plan, { force: true });
    rmSync(`${plan}.json`, { force: true });
    const urls = await appUrls(run.session, folder);
    if (urls.length === 0) throw new UserError(`${stack} has no app in its state after the apply`);
    for (const app of urls) run.note(`url: ${app.url}`);
    return 0;
  });
}
