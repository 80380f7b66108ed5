import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estateCost } from "../../review/cost";
import { stacksFromTrees, type TreeStack } from "../../review/from-trees";
import { modelFromTrees } from "../../review/load-model";
import { DEFAULT_POLICY_CONFIG } from "../../review/policy-config";
import { renderCostTable } from "../../review/render-cost";
import { renderMarkdown } from "../../review/render-markdown";
import { buildReview } from "../../review/review";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { FIXTURES, StackJson, fixtureEstate, headEstate } from "./estate-fixture";

/**
 * fixtures/shared-stack: one stack "shared" holding a staging app and a
 * production app, each recording its environment in `"//".dynoform`, the
 * staging app's code scaling only `worker` while its Procfile declares
 * `web` (recorded as an implicit process), written by hand as the
 * constructs synthesize it.
 */
const shared = (): TreeStack[] => readSynthesizedTree(join(FIXTURES, "shared-stack"));

/** The shared stack under another name, optionally without the apps' records (a tree from before they were written). */
function renamed(name: string, withRecords = true): TreeStack[] {
  return shared().map((s) => {
    const json = structuredClone(s.json) as StackJson;
    if (!withRecords) for (const app of Object.values(json.resource.heroku_app)) delete app["//"];
    return { name, json };
  });
}

function review(base: TreeStack[], head: TreeStack[] = base) {
  const r = buildReview(modelFromTrees(base, head, "per-app", {}), DEFAULT_POLICY_CONFIG);
  return { review: r, md: renderMarkdown(r), policy: r.policy.map((v) => `${v.address} ${v.rule} ${v.environment}`) };
}

describe("policy judges each app by its own environment", () => {
  it("applies the production guardrails to the production app of a mixed stack, and only to it", () => {
    // GIVEN a stack "shared" with a staging app (basic dynos, essential Postgres, a domain without ACM) and a production app
    // WHEN it is reviewed under the default policy (production environments: [production])
    const { review: r, md, policy } = review(shared());
    // THEN only the production app's formation, database and domain break guardrails, judged as production
    expect(policy).toEqual([
      "heroku_addon.production_db production-postgres-ha production",
      "heroku_domain.production_www production-acm-on-custom-domains production",
      "heroku_formation.production_web production-web-min production",
    ]);
    // AND the review says which apps of the stack the guardrails apply to
    expect(r.stacks[0]).toMatchObject({ production: false, productionApps: ["shop-production"] });
    expect(md).toContain("- ❌ **shared (production)** `heroku_formation.production_web` — web runs 1 dyno; production needs at least 2");
  });

  it("spares the staging app of a stack named production", () => {
    // GIVEN the same apps in a stack named production, the name the stack-level rule went by
    const { policy } = review(renamed("production"));
    // THEN the staging app's basic worker, essential Postgres and ACM-less domain are still not judged as production
    expect(policy.filter((p) => p.includes("staging"))).toEqual([]);
    expect(policy).toHaveLength(3);
  });

  it("falls back to the stack's name for a tree whose apps record no environment", () => {
    // GIVEN the apps without their records, in a stack named production
    const { policy } = review(renamed("production", false));
    // THEN every app is judged as the stack: the staging app's basic worker too
    expect(policy).toContain("heroku_formation.staging_worker production-dyno-tier production");
  });

  it("flags a production scale-down in a mixed stack for the production app only", () => {
    // GIVEN both apps' formations scaled to 0
    const head = headEstate((s) => {
      s.shared.resource.heroku_formation.staging_worker.quantity = 0;
      s.shared.resource.heroku_formation.production_web.quantity = 0;
    }, shared);
    // THEN only the production web is a scale-down risk
    expect(review(shared(), head).review.risks.map((x) => `${x.address} ${x.rule}`)).toEqual(["heroku_formation.production_web production-scale-down"]);
  });
});

describe("cost of a stack with several apps", () => {
  it("names the app on every line, and prices the web dyno Heroku starts unasked", () => {
    // GIVEN the shared stack, whose staging app's Procfile declares web while its code scales only worker
    const cost = estateCost(stacksFromTrees(shared(), shared()));
    const lines = cost.environments[0].after.lines.map((l) => `${l.item} = ${l.monthlyUsd}`);
    // THEN each line names its app, and the implicit web dyno is priced and says why it runs
    expect(lines).toEqual([
      "heroku-postgresql:standard-0 (shop-production) = 50",
      "heroku-postgresql:essential-0 (shop-staging) = 5",
      "web: basic × 1 (shop-staging), started by Heroku on the first release = 7",
      "web: standard-1x × 1 (shop-production) = 25",
      "worker: basic × 1 (shop-staging) = 7",
    ]);
    expect(cost.environments[0].after.lines.map((l) => l.app)).toEqual(["shop-production", "shop-staging", "shop-staging", "shop-production", "shop-staging"]);
    expect(cost.totalAfterUsd).toBe(94);
    // AND the terminal table prints them as they are
    expect(renderCostTable(cost)).toMatch(/ {2}web: basic × 1 \(shop-staging\), started by Heroku on the first release \$7\.00/);
  });

  it("names no app in a stack that holds one, except for dynos Heroku starts unasked", () => {
    // GIVEN the example estate, where production's app records an implicit web it also declares, and staging's does not declare web
    const head = headEstate((s) => {
      const record = (app: Record<string, unknown>, implicit: boolean) => {
        app["//"] = { dynoform: { environment: "x", ...(implicit ? { implicitProcesses: [{ type: "web", size: "basic", quantity: 1 }] } : {}) } };
      };
      record(s.production.resource.heroku_app.app, true);
      record(s.staging.resource.heroku_app.app, true);
      delete s.staging.resource.heroku_formation.formation_web;
    }, fixtureEstate);
    const cost = estateCost(stacksFromTrees(head, head));
    const items = (env: string) => cost.environments.find((e) => e.environment === env)!.after.lines.map((l) => l.item);
    // THEN production's lines name no app, and its declared web is not priced twice
    expect(items("production")).toEqual(["heroku-postgresql:standard-0", "heroku-redis:premium-0", "scheduler:standard", "web: standard-2x × 2", "worker: standard-1x × 1"]);
    // AND staging's undeclared web is priced with its app named (an eco web would join the eco subscription instead)
    expect(items("staging")).toContain("web: basic × 1 (dynoform-flask-staging), started by Heroku on the first release");
  });

  it("fails on a malformed record, naming the resource and the value", () => {
    const head = headEstate((s) => {
      s.production.resource.heroku_app.app["//"] = { dynoform: { implicitProcesses: [{ type: "web", size: "basic", quantity: "one" }] } };
    }, fixtureEstate);
    expect(() => stacksFromTrees(head, head)).toThrow(/^heroku_app\.app: "\/\/"\.dynoform\.implicitProcesses\.0\.quantity: .*"one"/);
  });
});
