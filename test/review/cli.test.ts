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
    expect(parsed.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, move: 0 });
  });

  it("reads a base tree whose stack the head dropped as orphaned, exiting 1 with --fail-on risk", async () => {
    // GIVEN the estate as base and, as head, the estate without its pipeline stack
    const head = join(scratch, "head");
    mkdirSync(join(head, "stacks"), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(FIXTURES, "estate", "manifest.json"), "utf8"));
    delete manifest.stacks.pipeline;
    writeFileSync(join(head, "manifest.json"), JSON.stringify(manifest));
    for (const name of ["staging", "production"]) {
      mkdirSync(join(head, "stacks", name));
      copyFileSync(join(FIXTURES, "estate", "stacks", name, "cdk.tf.json"), join(head, "stacks", name, "cdk.tf.json"));
    }
    // WHEN reviewed
    const code = await review(["--base-tree", join(FIXTURES, "estate"), "--head-tree", head, "--fail-on", "risk"]);
    // THEN the pipeline stack is orphaned, not destroyed
    expect(code).toBe(1);
    expect(printed).toContain("### pipeline — orphaned: no longer in the code, left running");
    expect(printed).toContain("**0 to create · 0 to update · 0 to replace · 0 to destroy**");
  });
});

describe("dynoform review --plan with the tree it was planned from", () => {
  /** A plan creating every resource of the shared-stack fixture, as terraform show -json prints one (internal helper). */
  function planOfSharedStack(): string {
    const tree = JSON.parse(readFileSync(join(FIXTURES, "shared-stack", "stacks", "shared", "cdk.tf.json"), "utf8"));
    const resources = Object.entries(tree.resource as Record<string, Record<string, Record<string, unknown>>>).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, block]) => ({ type, name, address: `${type}.${name}`, after: Object.fromEntries(Object.entries(block).filter(([k]) => k !== "//")) })),
    );
    const plan = {
      format_version: "1.2",
      resource_changes: resources.map((r) => ({ address: r.address, mode: "managed", type: r.type, name: r.name, change: { actions: ["create"], before: null, after: r.after } })),
      configuration: {
        root_module: {
          resources: resources.map((r) => {
            const app = /\$\{(heroku_app\.\w+)\.id\}/.exec(String(r.after.app_id ?? ""))?.[1];
            return { address: r.address, expressions: app ? { app_id: { references: [`${app}.id`, app] } } : {} };
          }),
        },
      },
    };
    const file = join(scratch, "shared.json");
    writeFileSync(file, JSON.stringify(plan));
    return file;
  }

  it("judges each app by the environment its tree records", async () => {
    // GIVEN a plan of the stack "shared", holding a staging and a production app
    const plan = planOfSharedStack();
    // WHEN it is reviewed alone, the stack's name is all there is to go by: no production guardrail applies
    expect(await review(["--plan", plan, "--fail-on", "policy"])).toBe(0);
    // AND WHEN it is reviewed with the synthesized tree, the production app is judged as production, and only it
    printed = "";
    expect(await review(["--plan", plan, "--head-tree", join(FIXTURES, "shared-stack"), "--fail-on", "policy", "--format", "json"])).toBe(1);
    const violations = JSON.parse(printed).policy.map((v: { address: string; environment: string }) => `${v.address} ${v.environment}`);
    expect(violations).toEqual(["heroku_addon.production_db production", "heroku_domain.production_www production", "heroku_formation.production_web production"]);
  });
});

describe("dynoform cost", () => {
  it("prints the estate's monthly cost with the eco subscription once", async () => {
    await cost(["--tree", join(FIXTURES, "estate")]);
    expect(printed).toMatch(/estate total +\$203\.00/);
    expect(printed).toMatch(/eco dynos \(one subscription per account\) +\$5\.00/);
    expect(printed).toContain("Source: ");
  });

  it("names each line's app in a stack of several apps, the dyno Heroku starts unasked included", async () => {
    // GIVEN the shared-stack tree: a staging and a production app in one stack
    await cost(["--tree", join(FIXTURES, "shared-stack")]);
    // THEN every line names its app, and the estate total counts the implicit web dyno
    expect(printed).toMatch(/ {2}worker: basic × 1 \(shop-staging\) +\$7\.00/);
    expect(printed).toMatch(/ {2}web: standard-1x × 1 \(shop-production\) +\$25\.00/);
    expect(printed).toContain("web: basic × 1 (shop-staging), started by Heroku on the first release $7.00");
    expect(printed).toMatch(/estate total +\$94\.00/);
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
