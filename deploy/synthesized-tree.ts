import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthesizedStack } from "./secrets";

interface Manifest {
  stacks: Record<string, { name: string; synthesizedStackPath: string; dependencies: string[] }>;
}

/** The stacks of a cdktf output folder, read from its manifest, in dependency order. */
export function readSynthesizedTree(outDir: string): SynthesizedStack[] {
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as Manifest;
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
  }));
}
