import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEstate } from "../provider/estate-harness";
import { expectConverged } from "./convergence";

/** Two applies of one stack at once: Terraform's state lock lets one through; the other says why it stopped. */
const estate = new LocalEstate();
beforeAll(async () => {
  await estate.start();
  const init = await estate.terraform("production", ["init", "-input=false"]);
  if (init.code !== 0) throw new Error(init.output);
});
afterAll(() => estate.close());

describe("faults: two deploys of the same stack at once", () => {
  it("fails the second with a clear lock message, and the first converges alone", async () => {
    // GIVEN two applies of production started together
    const args = ["apply", "-auto-approve", "-input=false", "-lock-timeout=0s"];
    const results = await Promise.all([estate.terraform("production", args), estate.terraform("production", args)]);
    // THEN exactly one succeeded, and the other names the state lock
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    const refused = results.find((r) => r.code !== 0)!;
    expect(refused.output).toContain("Error acquiring the state lock");
    // AND the state and the platform agree: one app, its add-ons and domain, once each
    await expectConverged(estate, ["production"], { apps: 1, addons: 3, domains: 1 });
  });
});
