import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FaultOptions } from "../../platform/protocol/faults";
import { LocalEstate } from "../provider/estate-harness";
import { applyUntilConverged, expectConverged } from "./convergence";

/**
 * The example's two environments applied through rate-limit storms, random
 * 5xx and dropped connections, including lost responses to creates: every
 * apply ends converged with nothing duplicated. The draws are seeded, but
 * which request meets which draw depends on how Terraform's walk interleaves,
 * so the random cases assert that faults struck, not which.
 */
const STACKS = ["staging", "production"];
const EXPECTED = { apps: 2, addons: 6, domains: 1 };
let estate: LocalEstate | undefined;
afterEach(async () => estate?.close());

/** Starts an estate whose detached platform injects these faults, with any other platform flags (internal helper). */
async function startWithFaults(faults: FaultOptions, flags: string[] = []): Promise<LocalEstate> {
  const e = new LocalEstate();
  const file = join(e.dir, "faults.json");
  writeFileSync(file, JSON.stringify(faults));
  return e.start({ detached: [...flags, "--faults", file] });
}

function platformLog(e: LocalEstate): string {
  return readFileSync(join(e.platformDir, "platform.log"), "utf8");
}

describe("faults: the platform misbehaves during an apply", () => {
  it("waits out a rate-limit storm and converges with exactly the planned resources", async () => {
    // GIVEN a platform that answers 429 rate_limit (Retry-After: 1) to 12 requests drawn from the
    // apply, and a token bucket of 15 refilled at 10 a second that empties too where the machine is
    // fast. The draws are seeded and one is made per request, so the 12 strike whatever the speed.
    estate = await startWithFaults({ seed: 3, rules: [{ kind: "status", status: 429, probability: 0.25, times: 12 }] }, ["--rate-limit", "36000/15"]);
    // WHEN each stack is applied once
    for (const stack of STACKS) {
      const applied = await estate.apply(stack);
      expect(applied.code, applied.output).toBe(0);
    }
    // THEN the platform answered 429s, and the apply still converged
    expect(platformLog(estate).match(/ 429 /g)?.length ?? 0).toBeGreaterThanOrEqual(12);
    await expectConverged(estate, STACKS, EXPECTED);
  });

  it("adopts what a create made when its response was lost, instead of making it twice", async () => {
    // GIVEN the first answer to creating an app, an add-on and a domain never arrives
    const lost = ["^/apps$", "^/apps/[^/]+/addons$", "^/apps/[^/]+/domains$"].map((path) => ({ kind: "drop-response" as const, method: "POST", path, times: 1 }));
    estate = await startWithFaults({ rules: lost });
    // WHEN production is applied: the first run fails on the lost app, the next on the lost add-on and domain
    const runs = await applyUntilConverged(estate, "production");
    // THEN it took more than one run, and each object exists once, in state
    expect(runs).toBeGreaterThan(1);
    expect(platformLog(estate).match(/ POST \S+ dropped /g)).toHaveLength(3);
    await expectConverged(estate, ["production"], { apps: 1, addons: 3, domains: 1 });
  });

  it.each([7, 42])("converges through seeded 5xx, dropped requests and lost create responses (seed %i)", async (seed) => {
    // GIVEN a platform that fails one request in ten and loses a sixth of the answers to writes
    estate = await startWithFaults({
      seed,
      rules: [
        { kind: "status", status: 503, probability: 0.06 },
        { kind: "status", status: 500, method: "POST", probability: 0.08 },
        { kind: "drop-request", probability: 0.03 },
        { kind: "drop-response", method: "POST", probability: 0.15 },
        { kind: "drop-response", method: "PATCH", probability: 0.1 },
      ],
    });
    // WHEN each stack is applied until terraform succeeds
    const runs: number[] = [];
    for (const stack of STACKS) runs.push(await applyUntilConverged(estate, stack));
    // THEN faults struck, many times…
    const struck = platformLog(estate).match(/ (50[03]|dropped) /g) ?? [];
    expect(struck.length, `applies needed: ${runs.join(", ")}`).toBeGreaterThanOrEqual(5);
    // …and the platform holds exactly what the state records
    await expectConverged(estate, STACKS, EXPECTED);
  });
});
