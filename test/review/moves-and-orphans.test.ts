import { App, TerraformStack } from "cdktf";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { App as AppResource } from "../../.gen/providers/heroku/app";
import { Formation } from "../../.gen/providers/heroku/formation";
import { HerokuProvider } from "../../.gen/providers/heroku/provider";
import { TerraformPlanJson, stackFromPlanJson } from "../../review/from-plan";
import { stackFromTrees, type TreeStack } from "../../review/from-trees";
import { modelFromTrees } from "../../review/load-model";
import { DEFAULT_POLICY_CONFIG } from "../../review/policy-config";
import { renderMarkdown } from "../../review/render-markdown";
import { buildReview } from "../../review/review";
import { FIXTURES, StackJson, baseEstate, expectGolden, fixtureEstate, headEstate } from "./estate-fixture";

function review(base: TreeStack[], head: TreeStack[]) {
  const r = buildReview(modelFromTrees(base, head, "moves and orphans", {}), DEFAULT_POLICY_CONFIG);
  return { review: r, md: renderMarkdown(r), risks: r.risks.map((x) => `${x.stack} ${x.address ?? "(stack)"} ${x.rule}`) };
}

/** Production's app renamed heroku_app.app → heroku_app.web, every reference to it following (internal helper). */
function renameApp(s: Record<string, StackJson>, withMovedBlock: boolean): void {
  const production = s.production as StackJson & { moved?: unknown[] };
  const { app, ...others } = production.resource.heroku_app;
  production.resource = JSON.parse(JSON.stringify({ ...production.resource, heroku_app: { ...others, web: app } }).replaceAll("${heroku_app.app.", "${heroku_app.web."));
  if (withMovedBlock) production.moved = [{ from: "heroku_app.app", to: "heroku_app.web" }];
}

describe("moves (cdktf moveTo / moveFromId, Terraform moved blocks)", () => {
  it("shows a renamed app as a move, destroying nothing", () => {
    // GIVEN production's app renamed in the code, with the moved block cdktf writes for it
    const { review: r, md, risks } = review(fixtureEstate(), headEstate((s) => renameApp(s, true), fixtureEstate));
    // THEN nothing is created, changed or destroyed: one move, and no risk
    expect(r.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, move: 1 });
    expect(risks).toEqual([]);
    expect(md).toContain("#### `→` move: `heroku_app.app` → `heroku_app.web` (the same remote object under a new address: nothing is destroyed)");
    expect(md).toContain("**0 to create · 0 to update · 0 to replace · 0 to destroy · 1 to move**");
  });

  it("without the moved block, the same rename destroys the app, as Terraform would", () => {
    const { risks } = review(fixtureEstate(), headEstate((s) => renameApp(s, false), fixtureEstate));
    expect(risks).toContain("production heroku_app.app app-destroyed");
  });

  it("shows a moved app's attribute changes as an update of the moved resource", () => {
    // GIVEN the rename with a config var changed too
    const head = headEstate((s) => {
      renameApp(s, true);
      (s.production.resource.heroku_app.web.config_vars as Record<string, string>).LOG_LEVEL = "debug";
    }, fixtureEstate);
    const { review: r, md, risks } = review(fixtureEstate(), head);
    // THEN it is an in-place update of heroku_app.web, moved from heroku_app.app, with no risk
    expect(r.counts).toMatchObject({ update: 1, replace: 0, delete: 0, move: 1 });
    expect(risks).toEqual([]);
    expect(md).toContain("#### `~` update in place: `heroku_app.web` (moved from `heroku_app.app`)");
    expect(md).toContain("| config_vars.LOG_LEVEL | `\"info\"` | `\"debug\"` |");
  });

  it("ignores a moved block kept after its move was applied", () => {
    // GIVEN a base that already has heroku_app.web, and a head that still carries the moved block
    const moved = headEstate((s) => renameApp(s, true), fixtureEstate);
    expect(review(moved, moved).review.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, move: 0 });
  });

  it("reads the moved blocks cdktf itself synthesizes for moveFromId", () => {
    // GIVEN a stack synthesized by cdktf with an app and its formation, then with the app renamed by moveFromId
    const synth = (appId: string, move: boolean): TreeStack => {
      const outdir = mkdtempSync(join(tmpdir(), "dynoform-move-"));
      const app = new App({ outdir });
      const stack = new TerraformStack(app, "production");
      new HerokuProvider(stack, "heroku", {});
      const heroku = new AppResource(stack, appId, { name: "shop-production", region: "us" });
      if (move) heroku.moveFromId("heroku_app.app");
      new Formation(stack, "web", { appId: heroku.id, type: "web", quantity: 2, size: "standard-1x" });
      app.synth();
      return { name: "production", json: JSON.parse(readFileSync(join(outdir, "stacks", "production", "cdk.tf.json"), "utf8")) };
    };
    // WHEN the two are diffed
    const stack = stackFromTrees("production", synth("app", false), synth("shop", true));
    // THEN the app moves and its formation, whose app_id now names the new address, is unchanged
    expect(stack.changes.map((c) => `${c.action} ${c.address} ${c.previousAddress ?? ""}`.trim())).toEqual([
      "no-op heroku_app.shop heroku_app.app",
      "no-op heroku_formation.web",
    ]);
  });

  it("reads previous_address from a saved plan", () => {
    // GIVEN a real plan whose app is moved here from heroku_app.old_web (and updated in place)
    const plan = JSON.parse(readFileSync(join(FIXTURES, "plans", "production-update.json"), "utf8")) as TerraformPlanJson;
    const app = plan.resource_changes!.find((rc) => rc.address === "heroku_app.web")!;
    app.previous_address = "heroku_app.old_web";
    // WHEN it is reviewed
    const stack = stackFromPlanJson("production", plan);
    const r = buildReview({ source: { kind: "plan", description: "t" }, stacks: [stack] }, DEFAULT_POLICY_CONFIG);
    // THEN the app is shown as moved, and the move raises no risk of its own (only the plain STRIPE_API_KEY the plan plants is one)
    expect(r.counts.move).toBe(1);
    expect(renderMarkdown(r)).toMatch(/#### `~` update in place: `heroku_app\.web` \(moved from `heroku_app\.old_web`\)/);
    expect(r.risks.filter((x) => x.address === "heroku_app.web").map((x) => x.rule)).toEqual(["secret-looking-config"]);
  });
});

describe("a stack removed from the code", () => {
  it("is orphaned: nothing destroys it, it keeps billing, and the review says how to destroy it", () => {
    // GIVEN the example estate with the production stack gone from the code altogether
    const head = baseEstate().filter((s) => s.name !== "production");
    const { review: r, md, risks } = review(baseEstate(), head);
    // THEN nothing is counted as destroyed: no deploy will run the stack again
    expect(r.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, move: 0 });
    expect(md).not.toContain("destroys it without objection");
    // AND one risk says the stack is orphaned, what keeps running, and the command that destroys it
    expect(risks).toEqual(["production (stack) orphaned-stack"]);
    const reason = r.risks[0].reason;
    for (const words of ["no longer in the code", "keep running and billing", "`npx dynoform deploy --destroy-orphans`", "destroys them (their data too)", '"flask-demo-production"']) {
      expect(reason).toContain(words);
    }
    // AND its cost goes on, marked as orphaned; no guardrail judges code that is gone
    expect(r.cost.environments.find((e) => e.environment === "production")).toMatchObject({ orphaned: true, before: { monthlyUsd: 190 }, after: { monthlyUsd: 190 }, deltaUsd: 0 });
    expect(md).toContain("| production (orphaned: still billed) | $190.00 | $190.00 | $0.00 |");
    expect(r.policy.filter((v) => v.stack === "production")).toEqual([]);
    expectGolden("orphaned-stack", md);
  });
});
