import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProgressView, parseTerraformJsonLine, type TerraformEvent } from "../../../deploy/progress";
import { startPlatform, type RunningPlatform } from "../../../platform";
import { initializedOn, type TerraformRun } from "../../provider/terraform-harness";

/**
 * The reader of Terraform's `-json` output and the view it feeds, on what
 * real terraform prints with the local provider against the embedded
 * platform: a plan, an apply that fails (a formation of a process type the
 * app does not have, which the platform refuses) and a destroy.
 */
let platform: RunningPlatform;
const runs: Record<"plan" | "apply" | "destroy", TerraformRun> = {} as never;

const CONFIGURATION = `
resource "heroku_app" "a" {
  name   = "progress-a"
  region = "us"
}
resource "heroku_config" "c" {
  vars = { LOG_LEVEL = "info" }
}
resource "heroku_app_config_association" "ac" {
  app_id = heroku_app.a.id
  vars   = heroku_config.c.vars
}
resource "heroku_formation" "worker" {
  app_id   = heroku_app.a.id
  type     = "worker"
  quantity = 1
  size     = "basic"
}
`;

beforeAll(async () => {
  platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-progress-")), port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  const tf = await initializedOn(platform, CONFIGURATION);
  runs.plan = await tf.run("plan", "-json", "-input=false");
  runs.apply = await tf.run("apply", "-json", "-input=false", "-auto-approve");
  runs.destroy = await tf.run("destroy", "-json", "-input=false", "-auto-approve");
});
afterAll(() => platform.close());

/** The events of a run's output, without the plain messages (internal helper). */
function events(run: TerraformRun): TerraformEvent[] {
  return run.output
    .split("\n")
    .filter(Boolean)
    .map(parseTerraformJsonLine)
    .filter((event) => event.kind !== "message");
}

const addresses = ["heroku_app.a", "heroku_app_config_association.ac", "heroku_config.c", "heroku_formation.worker"];

/** A stream that keeps what is written, as the view's `out` (internal helper). */
function sink(): Writable & { text: string } {
  const stream = new Writable({ write: (chunk, _encoding, done) => ((stream.text += String(chunk)), done()) }) as Writable & { text: string };
  stream.text = "";
  return stream;
}

describe("parseTerraformJsonLine on real terraform output", () => {
  it("reads a plan as its planned changes and the plan's change summary", () => {
    // GIVEN terraform plan -json of four new resources
    expect(runs.plan.code).toBe(0);
    // WHEN its lines are read
    const read = events(runs.plan);
    // THEN each resource is a planned create, and the summary counts them
    expect(read.filter((e) => e.kind === "planned-change").map((e) => e.kind === "planned-change" && [e.address, e.action]).sort()).toEqual(addresses.map((a) => [a, "create"]));
    expect(read.at(-1)).toMatchObject({ kind: "change-summary", operation: "plan", add: 4, change: 0, remove: 0, message: "Plan: 4 to add, 0 to change, 0 to destroy." });
    expect(read.some((e) => e.kind === "text")).toBe(false);
  });

  it("reads a failing apply as each resource's start and end, the one that failed, and Terraform's error with its address", () => {
    // GIVEN terraform apply -json where the platform refuses the formation
    expect(runs.apply.code).toBe(1);
    // WHEN its lines are read
    const read = events(runs.apply);
    const of = (kind: TerraformEvent["kind"]) => read.filter((e) => e.kind === kind).map((e) => ("address" in e ? e.address : "")).sort();
    // THEN the plan's summary comes first, every resource starts, three complete and the formation fails
    expect(read.find((e) => e.kind === "change-summary")).toMatchObject({ operation: "plan", add: 4 });
    expect(of("resource-start")).toEqual(addresses);
    expect(of("resource-complete")).toEqual(addresses.filter((a) => a !== "heroku_formation.worker"));
    expect(of("resource-errored")).toEqual(["heroku_formation.worker"]);
    // AND the error names the resource in Terraform's own words, and no apply summary follows
    expect(read.filter((e) => e.kind === "diagnostic")).toEqual([
      {
        kind: "diagnostic",
        message: "Error: Couldn't find that process type (worker).",
        diagnostic: {
          severity: "error",
          summary: "Couldn't find that process type (worker).",
          detail: "",
          address: "heroku_formation.worker",
          range: { filename: "main.tf", line: expect.any(Number), code: 'resource "heroku_formation" "worker" {' },
        },
      },
    ]);
    expect(read.filter((e) => e.kind === "change-summary")).toHaveLength(1);
  });

  it("reads a destroy's change summary as what it removed", () => {
    // GIVEN terraform destroy -json of the three resources the apply created
    expect(runs.destroy.code).toBe(0);
    // WHEN its lines are read, THEN the last is the destroy's summary
    expect(events(runs.destroy).at(-1)).toMatchObject({ kind: "change-summary", operation: "destroy", add: 0, change: 0, remove: 3 });
  });
});

describe("the view fed with that real output", () => {
  it("ends a plan with what it would do and a destroy with what it removed", () => {
    // GIVEN a view of two stacks, not on a terminal
    const out = sink();
    const view = createProgressView({ stacks: ["staging", "production"], out, logDir: join(mkdtempSync(join(tmpdir(), "dynoform-progress-view-")), "logs") });
    // WHEN staging prints the real plan's output and production the real destroy's
    view.start("staging", "plan");
    view.stdout("staging", runs.plan.output);
    view.end("staging", { ok: true });
    view.start("production", "destroy");
    view.stdout("production", runs.destroy.output);
    view.end("production", { ok: true });
    view.close();
    // THEN each stack's last state line says so, as does the summary
    expect(out.text).toMatch(/\nstaging: planned: 4 to add, 0 to change, 0 to destroy \(\d+ s\)\n/);
    expect(out.text).toMatch(/\nproduction: destroying 3\/3 \(\d+ s\)\nproduction: done: 3 destroyed \(\d+ s\)\n/);
    expect(out.text).toMatch(/\n\nstaging: 4 to add, 0 to change, 0 to destroy \(\d+ s\)\n(  \+ heroku_\S+\n){4}production: 3 destroyed \(\d+ s\)\n(  - heroku_\S+\n){3}/);
    // AND the summary names each resource with Terraform's sign for what is done to it
    const summary = out.text.slice(out.text.lastIndexOf("\n\n") + 2);
    expect(summary.match(/^  \+ .*$/gm)?.sort()).toEqual(["  + heroku_app.a", "  + heroku_app_config_association.ac", "  + heroku_config.c", "  + heroku_formation.worker"]);
    expect(summary.match(/^  - .*$/gm)?.sort()).toEqual(["  - heroku_app.a", "  - heroku_app_config_association.ac", "  - heroku_config.c"]);
  });

  it("names the failed stack, the resource and Terraform's error in at most 6 lines, and logs everything to a 0600 file", () => {
    // GIVEN a view of two stacks, not on a terminal
    const out = sink();
    const logDir = join(mkdtempSync(join(tmpdir(), "dynoform-progress-view-")), "logs");
    const view = createProgressView({ stacks: ["staging", "production"], out, logDir });
    // WHEN staging's apply prints the failing apply's output in odd-sized chunks, fails, and the run ends
    view.start("staging", "apply");
    for (let at = 0; at < runs.apply.output.length; at += 97) view.stdout("staging", runs.apply.output.slice(at, at + 97));
    view.end("staging", { ok: false });
    view.close();
    // THEN the summary's block of staging names the resource and the error, in at most 6 lines
    const summary = out.text.slice(out.text.lastIndexOf("\n\n") + 2).split("\n");
    const block = summary.slice(summary.indexOf(summary.find((l) => l.startsWith("staging: failed"))!), summary.indexOf("production: not started"));
    expect(block).toEqual([
      expect.stringMatching(/^staging: failed in terraform apply \(\d+ s\)$/),
      "  heroku_formation.worker: Couldn't find that process type (worker).",
      `  full output: ${join(logDir, "staging.log")}`,
    ]);
    expect(block.length).toBeLessThanOrEqual(6);
    // AND the plain lines told the apply's progress, without an escape code
    expect(out.text).toMatch(/^staging: planning \(0 s\)\nstaging: applying 0\/4 \(\d+ s\)\n/);
    expect(out.text).toMatch(/\nstaging: failed: heroku_formation\.worker \(\d+ s\)\n/);
    expect(out.text).not.toContain("\u001b");
    // AND the log has every message in Terraform's words, the error in its box, readable by this user alone
    const log = readFileSync(join(logDir, "staging.log"), "utf8");
    expect(log).toMatch(/\nheroku_app\.a: Creation complete after \d+s \[id=/);
    expect(log).toContain("│ Error: Couldn't find that process type (worker).\n│\n│   with heroku_formation.worker,\n");
    expect(log).not.toContain('"@level"');
    expect(statSync(join(logDir, "staging.log")).mode & 0o777).toBe(0o600);
  });
});
