/**
 * `dynoform synth --hcl`: the synthesized tree written again as plain
 * Terraform HCL, one folder per stack, for a team that leaves cdktf (see
 * docs/leaving-cdktf.md). Each folder plans exactly as its cdk.tf.json does.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readSynthesizedTree } from "../synthesized-tree";
import type { Json } from "./expressions";
import { herokuSchema, stackToHcl } from "./stack-hcl";

export { stackToHcl } from "./stack-hcl";

/**
 * Writes `<hclDir>/<stack>/*.tf` for every stack of the cdktf output folder
 * `outDir`, with the stack's `assets/` (the build sources its heroku_build
 * reads by relative path). Earlier .tf files and assets of the stack are
 * replaced; Terraform's own files (.terraform/, the lock file) are kept.
 * @returns the stack names, in dependency order
 */
export function writeHclTree(outDir: string, hclDir: string): string[] {
  const schema = herokuSchema();
  const stacks = readSynthesizedTree(outDir);
  // Every stack is converted before anything is written: a stack the writer refuses leaves no half tree.
  const converted = stacks.map((stack) => ({ name: stack.name, files: stackToHcl(stack.json as Json, schema) }));
  for (const { name, files } of converted) {
    const dir = join(hclDir, name);
    mkdirSync(dir, { recursive: true });
    for (const entry of readdirSync(dir)) if (entry.endsWith(".tf") || entry === "assets") rmSync(join(dir, entry), { recursive: true, force: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    const assets = join(outDir, "stacks", name, "assets");
    if (existsSync(assets)) cpSync(assets, join(dir, "assets"), { recursive: true });
  }
  return converted.map((c) => c.name);
}
