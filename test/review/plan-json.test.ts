import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TerraformPlanJson, stackFromPlanJson } from "../../review/from-plan";
import { DEFAULT_POLICY_CONFIG } from "../../review/policy-config";
import { buildReview } from "../../review/review";
import { renderMarkdown } from "../../review/render-markdown";
import { StackPlan, valueAt } from "../../review/plan-model";
import { stackFromTrees } from "../../review/from-trees";
import { estateCost } from "../../review/cost";
import { FIXTURES, fixtureEstate } from "./estate-fixture";

/**
 * The plans in fixtures/plans were printed by `terraform show -json` (1.11.4)
 * for the registry provider heroku/heroku 5.3.2 (see fixtures/plans/README.md).
 * Secrets were planted in them on purpose.
 */
function plan(name: string): TerraformPlanJson {
  return JSON.parse(readFileSync(join(FIXTURES, "plans", `${name}.json`), "utf8"));
}

const PLANTED = [
  "planted-config-s3cr3t", // a literal in the plain config_vars map, under a key that looks secret
  "planted-literal-s3cr3t", // a literal in sensitive_config_vars (schema-sensitive attribute)
  "planted-var-s3cr3t", // the value of the sensitive variable SECRET_KEY
  "old-state-s3cr3t", // the previous secret, in state (before)
  "state-db-s3cr3t", // the password inside an add-on's DATABASE_URL (config_var_values)
];

function outputs(stack: StackPlan): string[] {
  const review = buildReview({ source: { kind: "plan", description: "test" }, stacks: [stack] }, DEFAULT_POLICY_CONFIG);
  return [renderMarkdown(review), JSON.stringify(review)];
}

const change = (stack: StackPlan, address: string) => stack.changes.find((c) => c.address === address)!;

describe("reviews of terraform plans", () => {
  it("reads actions, replacement order and the attribute that forces replacement", () => {
    // GIVEN a real plan where the app's region changes
    const stack = stackFromPlanJson("production", plan("production-replace"));
    // THEN the app is replaced delete-before-create because of region, the unconfigured domain is destroyed
    expect(change(stack, "heroku_app.web")).toMatchObject({ action: "replace", replaceOrder: "delete-before-create" });
    expect(change(stack, "heroku_app.web").attributes.filter((a) => a.forcesReplacement).map((a) => a.path)).toEqual(["region"]);
    expect(change(stack, "heroku_domain.old").action).toBe("delete");
    expect(change(stack, "heroku_formation.web").references).toEqual(["heroku_app.web"]);
  });

  it("shows computed values as known after apply", () => {
    // GIVEN a plan that creates everything
    const stack = stackFromPlanJson("production", plan("production-create"));
    // THEN the app id and the add-on's name are unknown, its plan is known
    expect(valueAt(change(stack, "heroku_app.web"), "after", "id")).toEqual({ kind: "unknown" });
    expect(valueAt(change(stack, "heroku_addon.db"), "after", "plan")).toEqual({ kind: "value", value: "heroku-postgresql:standard-0" });
    expect(renderMarkdown(buildReview({ source: { kind: "plan", description: "t" }, stacks: [stack] }, DEFAULT_POLICY_CONFIG))).toContain(
      "| id |  | _(known after apply)_ |",
    );
  });

  for (const name of ["production-create", "production-update", "production-replace"]) {
    it(`never shows a planted secret of ${name} in Markdown or JSON`, () => {
      // GIVEN a plan whose JSON holds planted secrets in plain text
      const raw = readFileSync(join(FIXTURES, "plans", `${name}.json`), "utf8");
      const present = PLANTED.filter((s) => raw.includes(s));
      expect(present.length).toBeGreaterThanOrEqual(3);
      // WHEN it is reviewed
      for (const output of outputs(stackFromPlanJson("production", JSON.parse(raw)))) {
        // THEN none of them appears, and masked values say so
        for (const secret of present) expect(output).not.toContain(secret);
        expect(output).toMatch(/sensitive/);
      }
    });
  }

  it("masks a sensitive variable's value where it reappears unmarked", () => {
    // GIVEN a plan where the variable's value also sits in an attribute Terraform did not mark
    const json = plan("production-update");
    const app = json.resource_changes!.find((rc) => rc.address === "heroku_app.web")!;
    (app.change.after!.config_vars as Record<string, string>).GREETING = "hello planted-var-s3cr3t";
    // WHEN it is reviewed
    const stack = stackFromPlanJson("production", json);
    // THEN the attribute is masked, in every output
    expect(valueAt(change(stack, "heroku_app.web"), "after", "config_vars.GREETING")).toEqual({ kind: "sensitive" });
    for (const output of outputs(stack)) expect(output).not.toContain("planted-var-s3cr3t");
  });

  it("agrees with the tree diff on what creating the production estate does and costs", () => {
    // GIVEN the production stack of the example estate, planned by real terraform with the registry provider from an empty state
    const planned = stackFromPlanJson("production", plan("estate-production-create"));
    // AND the same stack diffed against nothing
    const diffed = stackFromTrees("production", undefined, fixtureEstate().find((s) => s.name === "production"));
    // THEN both create the same resources, cost the same, and agree on which values are known
    const summary = (s: StackPlan) => s.changes.map((c) => `${c.action} ${c.address}`);
    expect(summary(planned)).toEqual(summary(diffed));
    expect(estateCost([planned]).totalAfterUsd).toBe(190);
    expect(estateCost([diffed]).totalAfterUsd).toBe(190);
    for (const stack of [planned, diffed]) {
      expect(valueAt(stack.changes.find((c) => c.address === "heroku_formation.formation_web")!, "after", "app_id").kind).toBe("unknown");
    }
  });

  it("fails on a plan that is not terraform's JSON format 1.x", () => {
    // GIVEN a saved plan of another format
    // THEN reading it fails, naming the version
    expect(() => stackFromPlanJson("production", { format_version: "0.2" })).toThrow(/format_version "0.2" is not 1.x/);
  });
});
