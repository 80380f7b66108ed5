/**
 * The example estate (environments/) as dynoform synthesizes it, and helpers
 * to derive scenario heads from it.
 */
import { App } from "cdktf";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import type { TreeStack } from "../../review/from-trees";
import { loadEstate } from "../../environment-files";
import { buildEstate } from "../../stacks/estate";

export const FIXTURES = join(__dirname, "fixtures");

/** A resource block map, typed loosely for mutation in scenarios. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export interface StackJson {
  resource: Resources;
  variable?: Record<string, { sensitive?: boolean; default?: unknown; type?: string }>;
}

let synthesized: string | undefined;

/** The fixture estate whose saved plans were made by real terraform (fixtures/estate, fixtures/plans). */
export function fixtureEstate(): TreeStack[] {
  return readSynthesizedTree(join(FIXTURES, "estate"));
}

/** The example estate of environments/, for real Heroku, synthesized once per test file. */
export function baseEstate(): TreeStack[] {
  if (!synthesized) {
    synthesized = mkdtempSync(join(tmpdir(), "dynoform-review-estate-"));
    const app = new App({ outdir: synthesized });
    buildEstate(app, loadEstate(join(__dirname, "..", "..", "environments")), { kind: "heroku" });
    app.synth();
  }
  return readSynthesizedTree(synthesized);
}

/** A deep copy of the base with `mutate` applied to the named stacks' JSON. */
export function headEstate(mutate: (stacks: Record<string, StackJson>) => void, base: () => TreeStack[] = baseEstate): TreeStack[] {
  const head = structuredClone(base());
  mutate(Object.fromEntries(head.map((s) => [s.name, s.json as StackJson])));
  return head;
}

/**
 * Compares with the committed golden file; `UPDATE_GOLDEN=1` rewrites it
 * (review the diff before committing).
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(__dirname, "golden", `${name}.md`);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  expect(existsSync(file), `golden file ${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
