import { execFileSync } from "node:child_process";
import { existsSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../platform/protocol/faults";
import { LocalEstate } from "../provider/estate-harness";
import { expectConverged, expectMatchesState } from "./convergence";

/**
 * `kill -9` at seeded points of applies and destroys of the staging stack
 * (with a custom domain added): of terraform, of the provider, of the
 * platform. Each point runs on what the previous one left; after each, the
 * same command run again must converge with no orphan and no duplicate, the
 * state must still be readable, and the platform must come back on its data.
 */
const POINTS = 21;
const TARGETS = ["terraform", "provider", "platform"] as const;
const estate = new LocalEstate();
const random = seededRandom(2026);

beforeAll(async () => {
  await estate.start({ detached: [] });
  estate.edit("staging", (json) => {
    json.resource.heroku_domain = { staging: { app_id: "${heroku_app.app.id}", hostname: "staging.flask-demo.example.com" } };
  });
  const init = await estate.terraform("staging", ["init", "-input=false"]);
  if (init.code !== 0) throw new Error(init.output);
});
afterAll(() => estate.close());

/** Kills the target with SIGKILL; false when there was nothing of it to kill (internal helper). */
async function kill(target: (typeof TARGETS)[number], terraformPid: number): Promise<boolean> {
  if (target === "terraform") return signal(terraformPid);
  if (target === "platform") {
    await estate.killPlatform();
    await estate.restartPlatform();
    return true;
  }
  // The provider: the bundled script terraform runs in this estate's stack folder, and nowhere else.
  const providers = execFileSync("sh", ["-c", "pgrep -f 'provider[.]cjs' || true"], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  const ours = providers.filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).startsWith(estate.dir);
    } catch {
      return false;
    }
  });
  return ours.map(signal).some(Boolean);
}

function signal(pid: number): boolean {
  try {
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}

describe("faults: kill -9 mid-apply", () => {
  it(`recovers from ${POINTS} seeded kill points of terraform, the provider and the platform`, async () => {
    const hit: string[] = [];
    for (let point = 0; point < POINTS; point++) {
      const target = TARGETS[point % TARGETS.length];
      const command = point % 2 === 0 ? "apply" : "destroy";
      const delayMs = Math.round(150 + random() * (command === "apply" ? 2200 : 700));
      // GIVEN the command under way, WHEN the target is killed after the drawn delay
      let killing: Promise<boolean> = Promise.resolve(false);
      await estate.terraform("staging", [command, "-auto-approve", "-input=false"], {}, (child) => {
        setTimeout(() => {
          if (child.exitCode === null) killing = kill(target, child.pid!);
        }, delayMs);
      });
      if (await killing) hit.push(`${command}/${target}@${delayMs}ms`);
      await estate.restartPlatform();
      // THEN the state, once written, is still readable, and the same command run again converges
      // (Terraform creates the state file empty when it takes its lock and reads an empty one as no
      // state: a kill before the first write leaves exactly that.)
      const statePath = join(estate.dir, "state", "staging.tfstate");
      if (existsSync(statePath) && statSync(statePath).size > 0) expect(() => estate.state("staging")).not.toThrow();
      let recovered = await estate.terraform("staging", [command, "-auto-approve", "-input=false"]);
      if (recovered.code !== 0) recovered = await estate.terraform("staging", [command, "-auto-approve", "-input=false"]);
      expect(recovered.code, `point ${point} (${command}, ${target} killed at ${delayMs} ms):\n${recovered.output}`).toBe(0);
      if (command === "apply") await expectConverged(estate, ["staging"], { apps: 1, addons: 3, domains: 1 });
      else await expectMatchesState(estate, ["staging"], { apps: 0, addons: 0, domains: 0 });
    }
    // AND most points really struck a run under way (a run that ended before its kill proves nothing)
    expect(hit.length, `struck: ${hit.join(", ")}`).toBeGreaterThanOrEqual(Math.ceil(POINTS * 0.6));
  }, 400_000);
});
