/**
 * `dynoform synth [--target local|heroku] [--out DIR] [--hcl]`: checks every
 * environment file first, in-process, so mistakes print as located lines
 * (`environments/staging.yaml:12:5: …`) with no stack trace; then
 * synthesizes the estate for the target in this process, as `npx cdktf synth`
 * would (cli/estate-synth.ts), into `<out>/stacks/<name>/cdk.tf.json`.
 * With `--hcl`, each stack is also written as plain Terraform in
 * `<out>/hcl/<name>/` (deploy/hcl/), with the same plan: the way out of cdktf.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeHclTree } from "../../deploy/hcl";
import { localPaths } from "../../lib/local-paths";
import { estateProblems } from "../estate-problems";
import { synthesizeEstate } from "../estate-synth";
import { UserError } from "../../lib/user-error";

export const summary = "check environments/*.yaml and write the Terraform JSON of every stack (--target local|heroku, --out DIR, --hcl)";

const USAGE = `usage: dynoform synth [--target local|heroku] [--out DIR] [--hcl]
  --target  heroku (default): the registry provider; local: the embedded platform (DYNOFORM_API_URL)
  --out     output folder (default: cdktf.out for heroku, $DYNOFORM_HOME/local/cdktf.out for local)
  --hcl     also write every stack as plain Terraform HCL in <out>/hcl/<stack>/ (docs/leaving-cdktf.md)`;

const TARGETS = ["heroku", "local"] as const;
type Target = (typeof TARGETS)[number];

/** Each target has its own output folder, so a local synth never overwrites what a real deploy reads. */
export function defaultOutDir(target: Target): string {
  return target === "local" ? localPaths().outDir : "cdktf.out";
}

function parseTarget(value: string | undefined): Target {
  const target = value ?? process.env.DYNOFORM_TARGET ?? "heroku";
  if (!(TARGETS as readonly string[]).includes(target)) throw new UserError(`--target "${target}" is not local or heroku\n${USAGE}`, 2);
  return target as Target;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { target: { type: "string" }, out: { type: "string" }, hcl: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const target = parseTarget(values.target);
  const problems = estateProblems();
  if (problems) {
    console.error(problems);
    return 1;
  }
  const outDir = resolve(values.out ?? defaultOutDir(target));
  synthesizeEstate(outDir, { DYNOFORM_TARGET: target });
  if (!values.hcl) return 0;
  // Written from the JSON just synthesized, not by cdktf's own HCL output, which loses values.
  const hclDir = join(outDir, "hcl");
  const stacks = writeHclTree(outDir, hclDir);
  console.log(`wrote ${stacks.length} stacks as Terraform HCL to ${hclDir}: ${stacks.join(", ")}`);
  return 0;
}
