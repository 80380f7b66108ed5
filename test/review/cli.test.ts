import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run as cost } from "../../cli/commands/cost";
import { run as review } from "../../cli/commands/review";
import { COMMENT_MARKER } from "../../review/render-markdown";
import { synthesizeProject, synthesizeRef } from "../../review/synthesize";
import { stacksFromTrees } from "../../review/from-trees";
import { FIXTURES } from "./estate-fixture";

const PLAN = join(FIXTURES, "plans", "production-update.json");
let scratch: string;
let printed: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "dynoform-review-test-"));
  printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

describe("dynoform review", () => {
  it("prints Markdown for a plan and exits 0 without --fail-on", async () => {
    // GIVEN a plan with a removed domain (a risk) and a standard-0 Postgres (a policy violation)
    // WHEN it is reviewed without --fail-on
    const code = await review(["--plan", `production=${PLAN}`]);
    // THEN the comment is printed and the run succeeds
    expect(code).toBe(0);
    expect(printed.startsWith(COMMENT_MARKER)).toBe(true);
    expect(printed).toContain("`heroku_domain.old` — removes custom domain");
  });

  it("exits 1 with --fail-on risk,policy when there are findings", async () => {
    expect(await review(["--plan", `production=${PLAN}`, "--fail-on", "risk"])).toBe(1);
    expect(await review(["--plan", `production=${PLAN}`, "--fail-on", "policy"])).toBe(1);
  });

  it("turns a guardrail off from a policy file", async () => {
    // GIVEN a policy file without the Postgres HA rule
    const policy = join(scratch, "dynoform.policy.yaml");
    writeFileSync(policy, "rules:\n  production-postgres-ha: false\n");
    // THEN the plan passes --fail-on policy
    expect(await review(["--plan", `production=${PLAN}`, "--policy", policy, "--fail-on", "policy"])).toBe(0);
    expect(printed).toContain("All guardrails pass.");
  });

  it("fails on a policy file with an unknown rule", async () => {
    const policy = join(scratch, "dynoform.policy.yaml");
    writeFileSync(policy, "rules:\n  production-postgres-high-availability: false\n");
    await expect(review(["--plan", PLAN, "--policy", policy])).rejects.toThrow(/rules: unrecognized key/);
  });

  it("fails on an unknown --fail-on kind", async () => {
    await expect(review(["--plan", PLAN, "--fail-on", "cost"])).rejects.toThrow('--fail-on "cost" is not risk or policy');
  });

  it("prints JSON with a synthesized base and head tree", async () => {
    // GIVEN the estate as base and head
    const estate = join(FIXTURES, "estate");
    // WHEN reviewed as JSON
    await review(["--base-tree", estate, "--head-tree", estate, "--format", "json"]);
    // THEN it parses, has the three stacks and no change
    const parsed = JSON.parse(printed);
    expect(parsed.stacks.map((s: { name: string }) => s.name)).toEqual(["staging", "production", "pipeline"]);
    expect(parsed.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
  });
});

describe("dynoform cost", () => {
  it("prints the estate's monthly cost with the eco subscription once", async () => {
    await cost(["--tree", join(FIXTURES, "estate")]);
    expect(printed).toMatch(/estate total +\$203\.00/);
    expect(printed).toMatch(/eco dynos \(one subscription per account\) +\$5\.00/);
    expect(printed).toContain("Source: ");
  });

  it("fails on an environment the estate does not have", async () => {
    await expect(cost(["stagin", "--tree", join(FIXTURES, "estate")])).rejects.toThrow('environment "stagin" is not in the estate (staging, production, pipeline) (did you mean staging?)');
  });
});

describe("synthesis of a git ref in a temporary worktree", () => {
  it("diffs the working tree against HEAD and leaves no worktree behind", () => {
    // GIVEN a repository whose cdktf app writes the production stack from estate.json, committed with web × 2
    const repo = join(scratch, "repo");
    mkdirSync(repo);
    copyFileSync(join(FIXTURES, "estate", "stacks", "production", "cdk.tf.json"), join(repo, "estate.json"));
    writeFileSync(join(repo, "cdktf.json"), JSON.stringify({ app: "node synth.js" }));
    writeFileSync(
      join(repo, "synth.js"),
      [
        'const fs = require("fs"), path = require("path"), out = process.env.CDKTF_OUTDIR;',
        'fs.mkdirSync(path.join(out, "stacks/production"), { recursive: true });',
        'fs.copyFileSync("estate.json", path.join(out, "stacks/production/cdk.tf.json"));',
        'const stack = { name: "production", synthesizedStackPath: "stacks/production/cdk.tf.json", dependencies: [] };',
        'fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { production: stack } }));',
      ].join("\n"),
    );
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { encoding: "utf8" });
    git("init", "--quiet");
    git("add", ".");
    git("commit", "--quiet", "-m", "estate");
    // AND the working tree scales web to 3
    const estate = JSON.parse(readFileSync(join(repo, "estate.json"), "utf8"));
    estate.resource.heroku_formation.formation_web.quantity = 3;
    writeFileSync(join(repo, "estate.json"), JSON.stringify(estate));
    // WHEN both are synthesized and diffed
    const [stack] = stacksFromTrees(synthesizeRef(repo, "HEAD"), synthesizeProject(repo, join(scratch, "head")));
    // THEN only the web formation changes, and the temporary worktree is gone
    expect(stack.changes.filter((c) => c.action !== "no-op").map((c) => `${c.action} ${c.address}`)).toEqual(["update heroku_formation.formation_web"]);
    expect(git("worktree", "list").trim().split("\n")).toHaveLength(1);
  });

  it("fails on a ref that does not exist", () => {
    const repo = join(scratch, "empty");
    mkdirSync(repo);
    execFileSync("git", ["-C", repo, "init", "--quiet"]);
    expect(() => synthesizeRef(repo, "origin/nope")).toThrow("--base origin/nope: no such commit");
  });
});
