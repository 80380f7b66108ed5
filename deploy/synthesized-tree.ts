import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthesizedStack } from "./secrets";

interface Manifest {
  stacks: Record<string, { name: string; synthesizedStackPath: string; dependencies: string[] }>;
}

/**
 * The local state files a stack reads other stacks' outputs from (cdktf's
 * cross-stack references) that do not exist yet: such a stack can only be
 * planned once the stacks it reads are deployed.
 */
export function missingRemoteStates(stack: SynthesizedStack): string[] {
  return Object.values(stack.json.data?.terraform_remote_state ?? {})
    .map((remote) => remote.config?.path)
    .filter((path): path is string => path !== undefined && !existsSync(path));
}

/** The stacks of a cdktf output folder, read from its manifest, in dependency order. */
export function readSynthesizedTree(outDir: string): SynthesizedStack[] {
  const manifest = readManifest(outDir);
  const ordered: string[] = [];
  const visit = (name: string): void => {
    if (ordered.includes(name)) return;
    for (const dependency of manifest.stacks[name].dependencies) visit(dependency);
    ordered.push(name);
  };
  Object.keys(manifest.stacks).sort().forEach(visit);
  return ordered.map((name) => ({
    name,
    json: JSON.parse(readFileSync(join(outDir, manifest.stacks[name].synthesizedStackPath), "utf8")),
    dependencies: manifest.stacks[name].dependencies,
  }));
}

/** cdktf's manifest of an output folder (internal helper). */
function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as Manifest;
}
