/**
 * The example estate as cdktf synthesizes it (fixtures/estate: staging,
 * production and pipeline stacks) and helpers to derive scenario heads from it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import type { TreeStack } from "../../review/from-trees";

export const FIXTURES = join(__dirname, "fixtures");

/** A resource block map, typed loosely for mutation in scenarios. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export interface StackJson {
  resource: Resources;
  variable?: Record<string, { sensitive?: boolean; default?: unknown; type?: string }>;
}

export function baseEstate(): TreeStack[] {
  return readSynthesizedTree(join(FIXTURES, "estate"));
}

/** A deep copy of the base with `mutate` applied to the named stacks' JSON. */
export function headEstate(mutate: (stacks: Record<string, StackJson>) => void): TreeStack[] {
  const head = structuredClone(baseEstate());
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
