import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run as review } from "../../cli/commands/review";
import { COMMENT_LIMIT } from "../../review/comment-fit";
import { modelFromTrees } from "../../review/load-model";
import { DEFAULT_POLICY_CONFIG, PolicyConfig } from "../../review/policy-config";
import { Review, buildReview } from "../../review/review";
import { renderMarkdown } from "../../review/render-markdown";
import type { TreeStack } from "../../review/from-trees";
import { largeEstateChange } from "../support/large-estate";

const POLICY: PolicyConfig = { ...DEFAULT_POLICY_CONFIG, productionEnvironments: ["production-*"] };
const scratch = mkdtempSync(join(tmpdir(), "dynoform-large-review-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The lines a review prints for its risks and policy violations, as render-markdown writes them (internal helper). */
function findingLines(md: string): string[] {
  return md.split("\n").filter((l) => l.startsWith("- ⚠️ ") || l.startsWith("- ❌ "));
}

const ARTIFACT_NOTE = "The full review is this workflow run's `dynoform-review` artifact; `dynoform review --full FILE` writes it.";

describe("a review of a 500-environment change", () => {
  const { base, head } = largeEstateChange(500);
  const result: Review = buildReview(modelFromTrees(base, head, "500 environments", {}), POLICY);

  it("fits one pull-request comment, keeping every risk and policy line and saying where the rest is", () => {
    // GIVEN a change to each of 500 environments, with replacements, downgrades and a secret without a value
    expect(result.risks.length).toBeGreaterThan(50);
    expect(result.policy.length).toBe(25);
    const whole = renderMarkdown(result);
    expect(whole.length).toBeGreaterThan(COMMENT_LIMIT);
    // WHEN rendered for a comment
    const md = renderMarkdown(result, { limit: COMMENT_LIMIT });
    // THEN it fits GitHub's limit
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    // AND every risk and violation of the whole review is there, in order
    expect(findingLines(md)).toEqual(findingLines(whole));
    expect(findingLines(md)).toHaveLength(result.risks.length + result.policy.length);
    // AND it says what it left out, and that the full review is the workflow's artifact
    expect(md).toContain("**Shortened to fit a pull-request comment** (at most 65,536 characters");
    expect(md).toContain("the attribute tables of ");
    expect(md).toContain(ARTIFACT_NOTE);
    // AND summary, risks, policy and cost come before the per-stack details, which fold away
    const order = ["**0 to create", "### Risks (", "### Policy (", "### Monthly cost", "### Diagram", "<details><summary>"].map((s) => md.indexOf(s));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  it("cuts risks and policy lines, as many of each, with a count only when even they do not fit", () => {
    // WHEN the same review must fit in 8,000 characters
    const md = renderMarkdown(result, { limit: 8_000 });
    // THEN it does, keeping the first lines of each list and counting the rest
    expect(md.length).toBeLessThanOrEqual(8_000);
    const risks = findingLines(md).filter((l) => l.startsWith("- ⚠️ "));
    const violations = findingLines(md).filter((l) => l.startsWith("- ❌ "));
    expect(risks.length).toBeGreaterThan(0);
    expect(violations).toHaveLength(risks.length);
    expect(md).toContain(`- … and ${result.risks.length - risks.length} more risks: see the full review`);
    expect(md).toContain(`- … and ${result.policy.length - violations.length} more policy violations: see the full review`);
    // AND the cost is the totals only
    expect(md).toContain(`| ${result.cost.environments.length} environments (each in the full review) |`);
    expect(md).toMatch(/left out here are .*the cost per environment, .*\d+ risks, \d+ policy violations\./);
  });

  it("leaves a review that fits as it is, with no note", () => {
    const small = largeEstateChange(4);
    const md = renderMarkdown(buildReview(modelFromTrees(small.base, small.head, "4", {}), POLICY), { limit: COMMENT_LIMIT });
    expect(md).not.toContain("Shortened");
    expect(md).toContain("| attribute | before | after |");
    expect(md).toContain("```mermaid");
  });
});

describe("dynoform review --full", () => {
  let printed: string;
  beforeEach(() => {
    printed = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    return () => vi.restoreAllMocks();
  });

  /** Writes stacks as a cdktf output folder (internal helper). */
  function writeTree(name: string, stacks: readonly TreeStack[]): string {
    const dir = join(scratch, name);
    const manifest: Record<string, unknown> = {};
    for (const stack of stacks) {
      mkdirSync(join(dir, "stacks", stack.name), { recursive: true });
      writeFileSync(join(dir, "stacks", stack.name, "cdk.tf.json"), JSON.stringify(stack.json));
      manifest[stack.name] = { name: stack.name, synthesizedStackPath: `stacks/${stack.name}/cdk.tf.json`, dependencies: [] };
    }
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ stacks: manifest }));
    return dir;
  }

  it("prints the comment and writes the whole review for the workflow's artifact", async () => {
    // GIVEN a 200-environment change as two synthesized trees
    const { base, head } = largeEstateChange(200);
    const full = join(scratch, "review-full.md");
    // WHEN reviewed with --full
    expect(await review(["--base-tree", writeTree("base", base), "--head-tree", writeTree("head", head), "--full", full])).toBe(0);
    // THEN the comment fits and points at the artifact, and the file holds every table
    expect(printed.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(printed).toContain(ARTIFACT_NOTE);
    const whole = readFileSync(full, "utf8");
    expect(whole.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(whole).not.toContain("Shortened");
    expect(whole.match(/<details>/g)).toHaveLength(200);
  });

  it("refuses --full with --format json", async () => {
    await expect(review(["--base-tree", "x", "--format", "json", "--full", "y"])).rejects.toThrow("--full writes Markdown: it does not go with --format json");
  });
});
