import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgressView } from "../../../deploy/progress";

/**
 * The view of a run: exact plain lines where output is no terminal or in CI,
 * a region rewritten in place (by log-update) on a terminal, the summary of
 * a failure in a few lines, each stack's log, and no secret anywhere. Fed
 * with lines shaped as `terraform apply -json` prints them (see
 * terraform-json-run.test.ts for the real ones), on a fake clock.
 */

/** A stream that keeps each write, as the view's `out`; `isTTY` makes it a terminal (internal helper). */
class FakeStream extends Writable {
  readonly writes: string[] = [];
  readonly columns = 100;
  readonly rows = 30;
  constructor(readonly isTTY: boolean) {
    super({ write: (chunk, _encoding, done) => (this.writes.push(String(chunk)), done()) });
  }
  get text(): string {
    return this.writes.join("");
  }
}

/** One line of Terraform's machine-readable UI (internal helpers). */
const ui = (type: string, message: string, fields: Record<string, unknown> = {}) =>
  `${JSON.stringify({ "@level": "info", "@message": message, "@module": "terraform.ui", "@timestamp": "2026-12-07T03:14:49.597897Z", ...fields, type })}\n`;
const resource = (addr: string) => ({ addr, module: "", resource: addr, implied_provider: "heroku", resource_type: addr.split(".")[0], resource_name: addr.split(".")[1], resource_key: null });
const summary = (operation: string, add: number, change: number, remove: number) =>
  ui("change_summary", `${operation}: ${add} to add`, { changes: { add, change, import: 0, remove, operation } });
const started = (addr: string) => ui("apply_start", `${addr}: Creating...`, { hook: { resource: resource(addr), action: "create" } });
const completed = (addr: string) => ui("apply_complete", `${addr}: Creation complete after 1s [id=x]`, { hook: { resource: resource(addr), action: "create", id_key: "id", id_value: "x", elapsed_seconds: 1 } });
const errored = (addr: string) => ui("apply_errored", `${addr}: Creation errored after 0s`, { hook: { resource: resource(addr), action: "create", elapsed_seconds: 0 } });
const error = (summary: string, detail: string, address?: string) =>
  ui("diagnostic", `Error: ${summary}`, { "@level": "error", diagnostic: { severity: "error", summary, detail, ...(address ? { address } : {}) } });

const ESC = "\u001b";
let logDir: string;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  vi.stubEnv("CI", "");
  logDir = join(mkdtempSync(join(tmpdir(), "dynoform-view-")), "logs");
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("the plain view (output is no terminal)", () => {
  it("prints a line per change of a stack's state, then the summary, with no escape code", () => {
    // GIVEN a view of staging (an apply) and production (a plan), on a pipe
    const out = new FakeStream(false);
    const view = createProgressView({ stacks: ["staging", "production"], out, logDir });
    // WHEN their Terraform runs print, over six seconds
    view.start("staging", "apply");
    vi.advanceTimersByTime(1000);
    view.start("production", "plan");
    vi.advanceTimersByTime(1000);
    view.stdout("staging", summary("plan", 2, 0, 0) + started("heroku_app.web"));
    vi.advanceTimersByTime(1500);
    view.stdout("staging", completed("heroku_app.web"));
    vi.advanceTimersByTime(500);
    view.stdout("production", summary("plan", 0, 0, 0));
    view.end("production", { ok: true });
    vi.advanceTimersByTime(1000);
    view.stdout("staging", started("heroku_config.vars") + completed("heroku_config.vars"));
    vi.advanceTimersByTime(1000);
    view.stdout("staging", summary("apply", 2, 0, 0));
    view.end("staging", { ok: true });
    view.close();
    // THEN each change is one line, and the summary follows
    expect(out.text).toBe(
      [
        "staging: planning (0 s)",
        "production: planning (0 s)",
        "staging: applying 0/2 (2 s)",
        "staging: applying 1/2 (3 s)",
        "production: no changes (3 s)",
        "staging: applying 2/2 (5 s)",
        "staging: done: 2 added, 0 changed, 0 destroyed (6 s)",
        "",
        "staging: 2 added, 0 changed, 0 destroyed (6 s)",
        "production: no changes (3 s)",
        `full output: ${logDir}/ (a log per stack)`,
        "",
      ].join("\n"),
    );
    expect(out.text).not.toContain(ESC);
  });

  it("keeps init's warnings in the log and out of the summary, where an apply's stay", () => {
    // GIVEN a stack whose init warns about the lock file and whose apply warns about something else
    const out = new FakeStream(false);
    const view = createProgressView({ stacks: ["staging"], out, logDir });
    const warning = (summary: string) => ui("diagnostic", `Warning: ${summary}`, { "@level": "warn", diagnostic: { severity: "warning", summary, detail: "" } });
    // WHEN both run
    view.start("staging", "init");
    view.stdout("staging", warning("Incomplete lock file information for providers"));
    view.end("staging", { ok: true });
    view.start("staging", "apply");
    view.stdout("staging", warning("Argument is deprecated") + summary("apply", 0, 0, 0));
    view.end("staging", { ok: true });
    view.close();
    // THEN the summary names only the apply's warning, and the log has both
    expect(out.text).toContain("warning: Argument is deprecated");
    expect(out.text).not.toContain("Incomplete lock file information");
    expect(readFileSync(view.logPath("staging"), "utf8")).toContain("Incomplete lock file information for providers");
  });

  it("is the view in CI even on a terminal", () => {
    // GIVEN CI is set and the output is a terminal
    vi.stubEnv("CI", "true");
    const out = new FakeStream(true);
    // WHEN a stack plans
    const view = createProgressView({ stacks: ["staging"], out, logDir });
    view.start("staging", "plan");
    view.stdout("staging", summary("plan", 1, 2, 3));
    view.end("staging", { ok: true });
    view.close();
    // THEN the lines are plain
    expect(out.text).toBe(`staging: planning (0 s)\nstaging: planned: 1 to add, 2 to change, 3 to destroy (0 s)\n\nstaging: 1 to add, 2 to change, 3 to destroy (0 s)\nfull output: ${logDir}/staging.log\n`);
  });

  it("streams every line of Terraform's output after its stack's name when verbose", () => {
    // GIVEN a verbose view, even on a terminal
    const out = new FakeStream(true);
    const view = createProgressView({ stacks: ["staging"], out, logDir, verbose: true });
    // WHEN staging's apply prints
    view.start("staging", "apply");
    view.stdout("staging", summary("plan", 1, 0, 0) + started("heroku_app.web"));
    // THEN its lines come as Terraform words them, with no escape code
    expect(out.text).toContain("staging  plan: 1 to add\n");
    expect(out.text).toContain("staging  heroku_app.web: Creating...\n");
    expect(out.text).not.toContain(ESC);
  });
});

describe("the TTY view (output is a terminal)", () => {
  it("rewrites its region of a line per stack in place, at most 10 times a second, and once a second for the clocks", () => {
    // GIVEN a view of two stacks on a terminal
    const out = new FakeStream(true);
    const view = createProgressView({ stacks: ["staging", "production"], out, logDir });
    // THEN it shows them waiting at once
    expect(out.text).toContain("staging     waiting\nproduction  waiting\n");
    // WHEN 30 changes come within 50 ms
    view.start("staging", "apply");
    view.stdout("staging", summary("plan", 12, 0, 0));
    for (let i = 0; i < 14; i++) view.stdout("staging", started(`heroku_app.a${i}`) + completed(`heroku_app.a${i}`));
    vi.advanceTimersByTime(50);
    const before = out.writes.length;
    // THEN nothing is redrawn before 100 ms have passed since the last frame, then once
    expect(before).toBe(1);
    vi.advanceTimersByTime(50);
    expect(out.writes.length).toBe(2);
    // AND the new frame rewrites the old one in place: the cursor goes up over it, its lines are erased
    const frame = out.writes[1];
    expect(frame).toContain(`${ESC}[1A`);
    expect(frame).toContain(`${ESC}[2K`);
    expect(frame).toContain("staging     applying 12/12 (0 s)");
    // WHEN a resource is in flight and a second passes
    view.stdout("staging", started("heroku_formation.web"));
    vi.advanceTimersByTime(1000);
    // THEN its line names the resource and the clock moved
    expect(out.writes.at(-1)).toContain("applying 12/12 heroku_formation.web (1 s)");
    view.close();
  });

  it("prints a note above the region, and the summary after it once closed", () => {
    // GIVEN a view on a terminal
    const out = new FakeStream(true);
    const view = createProgressView({ stacks: ["staging"], out, logDir });
    // WHEN the run notes a line, then the stack is done and the view closed
    view.note("local provider: pid 4242, serving every stack of this run");
    view.start("staging", "plan");
    view.stdout("staging", summary("plan", 0, 0, 0));
    view.end("staging", { ok: true });
    view.close();
    // THEN the note stays, the region is redrawn below it, and the summary ends the output in plain lines
    expect(out.text).toContain("local provider: pid 4242, serving every stack of this run\n");
    expect(out.text.indexOf("local provider")).toBeLessThan(out.text.lastIndexOf("staging  no changes (0 s)"));
    expect(out.writes.at(-1)).toBe(`\nstaging: no changes (0 s)\nfull output: ${logDir}/staging.log\n`);
  });
});

describe("the summary of a failure", () => {
  it("names the stack, the resource and Terraform's error with the first lines of its detail, in at most 6 lines", () => {
    // GIVEN staging's apply fails on one resource with a long error; production never starts
    const out = new FakeStream(false);
    const view = createProgressView({ stacks: ["staging", "production"], out, logDir });
    view.start("staging", "apply");
    view.stdout("staging", summary("plan", 2, 0, 0) + started("heroku_app.web") + completed("heroku_app.web") + started("heroku_formation.web") + errored("heroku_formation.web"));
    vi.advanceTimersByTime(9000);
    view.stdout("staging", error("Couldn't find that process type (web).", "The app's release has no web process type.\nDeploy a build first.\nA third line.\nA fourth."));
    view.end("staging", { ok: false });
    view.close();
    // THEN its block is the stack, the resource with Terraform's error, two lines of detail and the log
    const lines = out.text.split("\n");
    const block = lines.slice(lines.indexOf("staging: failed in terraform apply (9 s)"), lines.indexOf("production: not started"));
    expect(block).toEqual([
      "staging: failed in terraform apply (9 s)",
      "  heroku_formation.web: Couldn't find that process type (web).",
      "    The app's release has no web process type.",
      "    Deploy a build first.",
      `  full output: ${logDir}/staging.log`,
    ]);
    expect(block.length).toBeLessThanOrEqual(6);
    // AND the log has the whole detail
    expect(readFileSync(join(logDir, "staging.log"), "utf8")).toContain("│ A third line.\n│ A fourth.\n╵\n");
  });

  it("reads Terraform's human errors on stderr when no -json diagnostic came, and gives the runner's word on it", () => {
    // GIVEN an init (run without -json) that fails with an error box on stderr, and the runner's reason
    const out = new FakeStream(false);
    const view = createProgressView({ stacks: ["staging"], out, logDir });
    view.start("staging", "init");
    view.stdout("staging", "Initializing the backend...\n");
    view.stderr("staging", "╷\n│ Error: Failed to query available provider packages\n│ \n│ Could not retrieve the list of available versions for provider heroku/heroku.\n╵\n");
    view.end("staging", { ok: false, error: "terraform init failed while initializing" });
    view.close();
    // THEN the summary names the error in Terraform's words, after the runner's
    expect(out.text).toContain(
      [
        "staging: failed in terraform init (0 s)",
        "  terraform init failed while initializing",
        "  Error: Failed to query available provider packages",
        "    Could not retrieve the list of available versions for provider heroku/heroku.",
        `  full output: ${logDir}/staging.log`,
      ].join("\n"),
    );
    expect(readFileSync(join(logDir, "staging.log"), "utf8")).toContain("Initializing the backend...\n╷\n│ Error: Failed to query");
  });

  it("writes no secret value of the run, where a provider's error echoes one", () => {
    // GIVEN a verbose view told the run's secrets, and an error that echoes one
    const secret = "d41d8cd98f00b204e9800998ecf8427e";
    const out = new FakeStream(false);
    const view = createProgressView({ stacks: ["staging"], out, logDir, verbose: true, secrets: [secret] });
    view.start("staging", "apply");
    view.stdout("staging", error("Invalid drain URL", `https://user:${secret}@logs.example is not a valid URL`, "heroku_drain.logs"));
    view.end("staging", { ok: false });
    view.close();
    // THEN neither the output nor the log holds it
    const log = readFileSync(join(logDir, "staging.log"), "utf8");
    expect(out.text + log).not.toContain(secret);
    expect(out.text).toContain("https://user:(sensitive value)@logs.example is not a valid URL");
  });
});
