/**
 * `dynoform cost [env]`: the monthly cost of the estate as the code
 * describes it now, per environment, from the vocabulary's price list.
 */
import { parseArgs } from "node:util";
import { UserError } from "../../lib/user-error";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { estateCost } from "../../review/cost";
import { stacksFromTrees } from "../../review/from-trees";
import { renderCostTable } from "../../review/render-cost";
import { synthesizeProjectTree } from "../../review/synthesize";
import { didYouMean } from "../../vocabulary";

export const summary = "monthly cost of the estate per environment, from the price list (cost [env] [--tree DIR])";

const USAGE = `usage: dynoform cost [ENVIRONMENT] [--tree DIR] [--format text|json]
  ENVIRONMENT  only this environment (a stack name)
  --tree       an already synthesized tree (e.g. cdktf.out) instead of synthesizing the project
  --format     text (default) or json`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { tree: { type: "string" }, format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UserError(`one environment at most, got ${positionals.join(", ")}\n${USAGE}`, 2);
  if (values.format !== "text" && values.format !== "json") throw new UserError(`--format "${values.format}" is not text or json`, 2);

  const tree = values.tree ? readSynthesizedTree(values.tree) : synthesizeProjectTree(process.cwd());
  // The estate against itself: every resource unchanged, so before = after = now.
  const cost = estateCost(stacksFromTrees(tree, tree));
  const [environment] = positionals;
  const names = cost.environments.map((e) => e.environment);
  if (environment && !names.includes(environment)) {
    throw new UserError(`environment "${environment}" is not in the estate (${names.join(", ")})${didYouMean(environment, names)}`);
  }
  process.stdout.write(values.format === "json" ? JSON.stringify(cost, null, 2) + "\n" : renderCostTable(cost, environment));
  return 0;
}
