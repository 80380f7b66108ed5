import { describe, expect, it } from "vitest";
import type { SynthesizedStack } from "../../deploy/secrets";
import { runStacks } from "../../deploy/terraform-runner";

/** The example estate's shape: two environments and the pipeline stack reading both, plus a team stack. */
const ESTATE: SynthesizedStack[] = [
  { name: "production", json: {}, dependencies: [] },
  { name: "staging", json: {}, dependencies: [] },
  { name: "pipeline-flask-demo", json: {}, dependencies: ["production", "staging"] },
  { name: "team-acme", json: {}, dependencies: [] },
];

/** Runs the estate with work of 30 ms a stack, recording starts, ends and the most at once (internal helper). */
async function record(order: Parameters<typeof runStacks>[1], concurrency: number, fail?: string) {
  const events: string[] = [];
  let running = 0;
  let most = 0;
  const outcome = await runStacks(
    ESTATE,
    order,
    async (stack) => {
      events.push(`start ${stack.name}`);
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      events.push(`end ${stack.name}`);
      if (stack.name === fail) throw new Error(`${fail} failed`);
    },
    concurrency,
  ).then(
    () => "ok",
    (error: Error) => error.message,
  );
  return { events, most, outcome };
}

describe("runStacks", () => {
  it("runs the environments at once and the pipeline stack only after both", async () => {
    // WHEN the estate is deployed with room for 4 at once
    const { events, most } = await record("dependencies-first", 4);
    // THEN the three independent stacks started together, the pipeline once both environments had ended
    expect(events.slice(0, 3).sort()).toEqual(["start production", "start staging", "start team-acme"]);
    expect(events.indexOf("start pipeline-flask-demo")).toBeGreaterThan(Math.max(events.indexOf("end production"), events.indexOf("end staging")));
    expect(most).toBe(3);
  });

  it("destroys the pipeline stack before the environments it reads", async () => {
    const { events } = await record("dependents-first", 4);
    expect(events.indexOf("start production")).toBeGreaterThan(events.indexOf("end pipeline-flask-demo"));
    expect(events.indexOf("start staging")).toBeGreaterThan(events.indexOf("end pipeline-flask-demo"));
  });

  it("never runs more than its bound at once", async () => {
    const { most, events } = await record("any", 2);
    expect(most).toBe(2);
    expect(events.filter((e) => e.startsWith("end"))).toHaveLength(4);
  });

  it("starts nothing after a failure, lets the running ones finish, and throws the failure", async () => {
    // WHEN production fails
    const { events, outcome } = await record("dependencies-first", 4, "production");
    // THEN the run failed with it, staging and the team stack (already running) finished, the pipeline never started
    expect(outcome).toBe("production failed");
    expect(events).toContain("end staging");
    expect(events).toContain("end team-acme");
    expect(events).not.toContain("start pipeline-flask-demo");
  });
});
