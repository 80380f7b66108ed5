import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEstate } from "../provider/estate-harness";
import { onPlatform } from "../faults/convergence";

/** A damaged state file stops every command with a message naming it, and nothing on the platform or in the file changes. */
const estate = new LocalEstate();
const stateFile = () => join(estate.dir, "state", "staging.tfstate");

beforeAll(async () => {
  await estate.start();
  const applied = await estate.apply("staging");
  if (applied.code !== 0) throw new Error(applied.output);
});
afterAll(() => estate.close());

describe("bad input: a corrupt Terraform state file", () => {
  it.each([
    ["garbage bytes", () => "\u0000\u0001 not json at all", "Unsupported state file format: The state file could not be parsed as JSON: syntax error at byte offset 1."],
    ["truncated JSON", (good: string) => good.slice(0, 400), "Unsupported state file format: The state file could not be parsed as JSON: syntax error at byte offset 400."],
    ["an unknown state format", (good: string) => good.replace(/"version": 4/, '"version": 99'), "Unsupported state file format: The state file uses format version 99, which is not supported"],
  ])("fails on %s, changing nothing", async (_name, damage, message) => {
    // GIVEN the applied stack's state damaged
    const good = readFileSync(stateFile(), "utf8");
    const before = await onPlatform(estate);
    const damaged = damage(good);
    writeFileSync(stateFile(), damaged);
    try {
      // WHEN it is planned and applied
      for (const args of [["plan", "-input=false"], ["apply", "-auto-approve", "-input=false"]]) {
        const run = await estate.terraform("staging", args);
        // THEN each fails, saying what is wrong with the state
        expect(run.code).toBe(1);
        expect(run.output.replace(/\s+/g, " ")).toContain(message);
      }
      // AND the file is as it was left, and the platform unchanged
      expect(readFileSync(stateFile(), "utf8")).toBe(damaged);
      expect(await onPlatform(estate)).toEqual(before);
    } finally {
      writeFileSync(stateFile(), good);
    }
  });
});
