import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The workflows in .github/workflows/: each passes action-validator (the
 * pinned @action-validator/cli, which checks them against GitHub's schema,
 * offline), and every `npx dynoform <command>` they run is a real command
 * that answers --help.
 */
const root = join(__dirname, "..", "..");
const folder = join(root, ".github", "workflows");
const workflows = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
const dynoform = (args: string[]) => spawnSync(process.execPath, [join(root, "bin", "dynoform.js"), ...args], { cwd: root, encoding: "utf8" });

interface Workflow {
  jobs: Record<string, { steps?: { run?: string }[] }>;
}

/** The dynoform commands a workflow's `run:` steps call (internal helper). */
function dynoformCommands(file: string): string[] {
  const workflow = parse(readFileSync(join(folder, file), "utf8")) as Workflow;
  const scripts = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ""));
  return scripts.flatMap((script) => [...script.matchAll(/npx dynoform ([a-z-]+)/g)].map((m) => m[1]));
}

describe("the GitHub workflows", () => {
  it("are at least review, deploy and preview", () => {
    expect(workflows).toEqual(expect.arrayContaining(["review.yml", "deploy.yml", "preview.yml"]));
  });

  it.each(workflows)("%s passes action-validator", (file) => {
    const result = spawnSync(join(root, "node_modules", ".bin", "action-validator"), [join(folder, file)], { cwd: root, encoding: "utf8" });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it("call only dynoform commands that exist", () => {
    // GIVEN the commands dynoform lists in its usage
    const usage = dynoform(["--help"]).stdout;
    const known = [...usage.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]);
    expect(known).toEqual(expect.arrayContaining(["plan", "apply", "preview", "review"]));
    // WHEN the workflows' commands are gathered
    const called = new Set(workflows.flatMap(dynoformCommands));
    expect([...called].sort()).toEqual(["apply", "plan", "preview", "review"]);
    // THEN each is one of them, and answers --help
    for (const command of called) {
      expect(known, `a workflow calls npx dynoform ${command}`).toContain(command);
      expect(dynoform([command, "--help"]).status, `dynoform ${command} --help`).toBe(0);
    }
  });

  it("action-validator finds a mistake (it is not a pass-through)", () => {
    const bad = join(mkdtempSync(join(tmpdir(), "dynoform-workflow-")), "bad.yml");
    writeFileSync(bad, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: not-a-list\n");
    const result = spawnSync(join(root, "node_modules", ".bin", "action-validator"), [bad], { encoding: "utf8" });
    expect(result.status).not.toBe(0);
  });
});
