import { execFileSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, fstatSync, openSync, readlinkSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../platform/protocol/faults";
import { LocalEstate } from "../provider/estate-harness";
import { expectConverged, expectMatchesState } from "./convergence";

/**
 * `kill -9` at seeded points of applies and destroys of the staging stack
 * (with a custom domain added): of terraform, of the provider, of the
 * platform. Each point runs on what the previous one left; after each, the
 * same command run once more must converge with no orphan and no duplicate,
 * the state must still be readable, and the platform must come back on its
 * data. A point is a count of requests the platform has answered, not a
 * time, so every point strikes a run under way however loaded the machine.
 */
const POINTS = 21;
const TARGETS = ["terraform", "provider", "platform"] as const;
type Command = "apply" | "destroy";
const estate = new LocalEstate();
const random = seededRandom(2026);
/** Requests an undisturbed run of each command makes: points are drawn among their first three quarters. */
const undisturbed: Record<Command, number> = { apply: 0, destroy: 0 };

/** The platform's access log, read as it grows (internal helper). */
class RequestLog {
  private readonly file = join(estate.platformDir, "platform.log");
  private offset = statSync(this.file).size;
  private partial = "";
  private answered = 0;

  /** Requests the platform has answered since this reader was made. */
  requests(): number {
    const fd = openSync(this.file, "r");
    try {
      const grown = Buffer.alloc(Math.max(0, fstatSync(fd).size - this.offset));
      this.offset += readSync(fd, grown, 0, grown.length, this.offset);
      const lines = (this.partial + grown.toString("utf8")).split("\n");
      this.partial = lines.pop() ?? "";
      this.answered += lines.filter((line) => / (GET|POST|PUT|PATCH|DELETE) \//.test(line)).length;
      return this.answered;
    } finally {
      closeSync(fd);
    }
  }
}

function run(command: Command, onStart?: (child: ChildProcess) => void) {
  return estate.terraform("staging", [command, "-auto-approve", "-input=false"], {}, onStart);
}

/** An undisturbed run that must succeed; returns how many requests it made (internal helper). */
async function requestsOf(command: Command): Promise<number> {
  const log = new RequestLog();
  const done = await run(command);
  if (done.code !== 0) throw new Error(done.output);
  return log.requests();
}

beforeAll(async () => {
  await estate.start({ detached: [] });
  estate.edit("staging", (json) => {
    json.resource.heroku_domain = { staging: { app_id: "${heroku_app.app.id}", hostname: "staging.flask-demo.example.com" } };
  });
  const init = await estate.terraform("staging", ["init", "-input=false"]);
  if (init.code !== 0) throw new Error(init.output);
  // Every killed apply starts from nothing and every killed destroy from the whole stack, as these do.
  undisturbed.apply = await requestsOf("apply");
  undisturbed.destroy = await requestsOf("destroy");
}, 120_000);
afterAll(() => estate.close());

/**
 * Runs the command and kills the target once the platform has answered `at`
 * of its requests — or as soon as the target is there after that, when it is
 * not at that one (terraform runs no provider between its plan and its
 * apply, and the apply's provider may make all its requests between two
 * reads of the log). True when the target was killed while the run was under way.
 */
async function runKilledAt(command: Command, target: (typeof TARGETS)[number], at: number): Promise<boolean> {
  const log = new RequestLog();
  let struck = false;
  let killing = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  await run(command, (child) => {
    let busy = false;
    timer = setInterval(() => {
      if (busy || struck || log.requests() < at) return;
      busy = true;
      killing = kill(target, child).then((hit) => {
        struck = hit;
        busy = false;
      });
    }, 5);
  });
  clearInterval(timer);
  await killing;
  return struck;
}

/** Kills the target with SIGKILL; false when the run is over or there was nothing of it to kill (internal helper). */
async function kill(target: (typeof TARGETS)[number], terraform: ChildProcess): Promise<boolean> {
  if (terraform.exitCode !== null) return false;
  if (target === "terraform") return signal(terraform.pid!);
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
    for (let point = 0; point < POINTS; point++) {
      const target = TARGETS[point % TARGETS.length];
      const command: Command = point % 2 === 0 ? "apply" : "destroy";
      const at = 1 + Math.floor(random() * Math.floor(undisturbed[command] * 0.75));
      const where = `point ${point} (${command}, ${target} killed at request ${at} of ${undisturbed[command]})`;
      // GIVEN the command under way, WHEN the target is killed at the drawn request
      const struck = await runKilledAt(command, target, at);
      await estate.restartPlatform();
      // THEN the state, once written, is still readable, and the same command run again converges
      // (Terraform creates the state file empty when it takes its lock and reads an empty one as no
      // state: a kill before the first write leaves exactly that.)
      const statePath = join(estate.dir, "state", "staging.tfstate");
      if (existsSync(statePath) && statSync(statePath).size > 0) expect(() => estate.state("staging")).not.toThrow();
      // (A run that ended before its kill proves nothing.)
      expect(struck, `${where} did not strike a run under way`).toBe(true);
      const recovered = await run(command);
      expect(recovered.code, `${where}:\n${recovered.output}`).toBe(0);
      if (command === "apply") await expectConverged(estate, ["staging"], { apps: 1, addons: 3, domains: 1 });
      else await expectMatchesState(estate, ["staging"], { apps: 0, addons: 0, domains: 0 });
    }
  }, 600_000);
});
