/**
 * `dynoform graph`: a diagram of the estate as the code describes it now —
 * pipelines and their stages, apps, formation, add-ons, attachments,
 * domains — as Mermaid text, or drawn as SVG. The review draws the same
 * diagram with a change marked.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UserError } from "../../lib/user-error";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { estateGraph } from "../../review/estate-graph";
import { stacksFromTrees } from "../../review/from-trees";
import { renderMermaid } from "../../review/render-mermaid";
import { renderSvg } from "../../review/render-svg";
import { synthesizeProjectTree } from "../../review/synthesize";

export const summary = "a diagram of the estate: pipelines, stages, apps and what hangs on them, as Mermaid (or --svg)";

const USAGE = `usage: dynoform graph [--tree DIR] [--svg] [--out FILE]
  --tree  an already synthesized tree (e.g. cdktf.out) instead of synthesizing the project
  --svg   draw it as SVG, with Mermaid in the machine's Chromium (Debian's chromium, or DYNOFORM_CHROMIUM)
  --out   write to FILE instead of standard output`;

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { tree: { type: "string" }, svg: { type: "boolean", default: false }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const tree = values.tree ? readSynthesizedTree(values.tree) : synthesizeProjectTree(process.cwd());
  // The estate against itself: every resource unchanged.
  const mermaid = renderMermaid(estateGraph(stacksFromTrees(tree, tree))).text;
  const output = values.svg ? await renderSvg(mermaid) : mermaid;
  if (values.out) writeFileSync(values.out, output);
  else process.stdout.write(output);
  return 0;
}
