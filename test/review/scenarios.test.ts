import { describe, expect, it } from "vitest";
import { modelFromTrees } from "../../review/load-model";
import { DEFAULT_POLICY_CONFIG } from "../../review/policy-config";
import { Review, buildReview } from "../../review/review";
import { renderMarkdown } from "../../review/render-markdown";
import type { TreeStack } from "../../review/from-trees";
import { StackJson, baseEstate, expectGolden, headEstate } from "./estate-fixture";

function review(scenario: string, head: TreeStack[], env: NodeJS.ProcessEnv = {}): { review: Review; md: string; json: string } {
  const result = buildReview(modelFromTrees(baseEstate(), head, `scenario: ${scenario}`, env), DEFAULT_POLICY_CONFIG);
  return { review: result, md: renderMarkdown(result), json: JSON.stringify(result) };
}

const production = (stacks: Record<string, StackJson>): StackJson => stacks.production;
const envCost = (r: Review, env: string) => r.cost.environments.find((e) => e.environment === env);
const rules = (r: Review) => r.risks.map((x) => `${x.stack} ${x.address} ${x.rule}`);

describe("golden reviews of the example estate", () => {
  it("shows no changes and the estate's cost when nothing changed", () => {
    // GIVEN the estate unchanged
    const { review: r } = review("unchanged", baseEstate());
    // THEN nothing is created, updated, replaced or destroyed, and the cost is flat
    expect(r.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, move: 0 });
    expect(r.risks).toEqual([]);
    // production: web standard-2x × 2 ($100) + worker standard-1x ($25) + postgres standard-0 ($50) + redis premium-0 ($15)
    expect(envCost(r, "production")?.after.monthlyUsd).toBe(190);
    // staging: basic web and worker ($7 each), essential-0 ($5), redis mini ($3), scheduler ($0); no eco dynos
    expect(envCost(r, "staging")?.after.monthlyUsd).toBe(22);
    expect(r.cost.eco).toEqual({ beforeUsd: 0, afterUsd: 0 });
    expect(r.cost.totalAfterUsd).toBe(212);
    // AND the example's standard-0 Postgres already breaks the HA guardrail
    expect(r.policy.map((v) => `${v.address} ${v.rule}`)).toEqual(["heroku_addon.postgres production-postgres-ha"]);
  });

  it("scale up: production web 2 → 4 is an in-place update costing $100 more", () => {
    // GIVEN production web scaled from 2 to 4 standard-2x dynos
    const { review: r, md } = review("scale up", headEstate((s) => {
      production(s).resource.heroku_formation.formation_web.quantity = 4;
    }));
    // THEN one update, no risk, +$100 a month
    expect(r.counts).toEqual({ create: 0, update: 1, replace: 0, delete: 0, move: 0 });
    expect(r.risks).toEqual([]);
    expect(envCost(r, "production")).toMatchObject({ deltaUsd: 100, after: { monthlyUsd: 290 } });
    expect(md).toContain("| quantity | `2` | `4` |");
    expectGolden("scale-up", md);
  });

  it("add domain: a new production hostname is created, ACM already on", () => {
    // GIVEN a second custom domain in production
    const { review: r, md } = review("add domain", headEstate((s) => {
      production(s).resource.heroku_domain.domain_api = { app_id: "${heroku_app.app.id}", hostname: "api.dynoform-example.com" };
    }));
    // THEN it is created, with no risk and no cost change
    expect(r.counts).toEqual({ create: 1, update: 0, replace: 0, delete: 0, move: 0 });
    expect(r.risks).toEqual([]);
    expect(r.cost.deltaUsd).toBe(0);
    expect(r.policy.filter((v) => v.rule === "production-acm-on-custom-domains")).toEqual([]);
    expectGolden("add-domain", md);
  });

  it("change Postgres plan: standard-0 → essential-0 is a downgrade risk saving $45", () => {
    // GIVEN production Postgres moved to a smaller plan
    const { review: r, md } = review("change postgres plan", headEstate((s) => {
      production(s).resource.heroku_addon.postgres.plan = "heroku-postgresql:essential-0";
    }));
    // THEN it updates in place (plan is not ForceNew) and is flagged as a downgrade
    expect(r.counts).toEqual({ create: 0, update: 1, replace: 0, delete: 0, move: 0 });
    expect(rules(r)).toEqual(["production heroku_addon.postgres plan-downgrade"]);
    expect(r.risks[0].reason).toContain("$50.00/month");
    expect(envCost(r, "production")?.deltaUsd).toBe(-45);
    expectGolden("change-postgres-plan", md);
  });

  it("change region: production moves to eu, replacing the app and everything that hangs on its id", () => {
    // GIVEN production's region changed
    const { review: r, md } = review("change region", headEstate((s) => {
      production(s).resource.heroku_app.app.region = "eu";
    }));
    // THEN the app is replaced for its region, and its build, formations, add-ons, feature and domain for its new id
    expect(r.counts).toEqual({ create: 0, update: 0, replace: 9, delete: 0, move: 0 });
    const app = r.stacks.find((s) => s.name === "production")?.changes.find((c) => c.address === "heroku_app.app");
    expect(app?.attributes.filter((a) => a.forcesReplacement).map((a) => a.path)).toEqual(["region"]);
    expect(rules(r)).toEqual([
      "production heroku_addon.postgres data-loss",
      "production heroku_addon.postgres blocked-by-prevent-destroy",
      "production heroku_addon.redis data-loss",
      "production heroku_addon.redis blocked-by-prevent-destroy",
      "production heroku_addon.scheduler replacement",
      "production heroku_app.app app-destroyed",
      "production heroku_app_feature.feature_preboot replacement",
      "production heroku_build.app_build replacement",
      "production heroku_domain.domain_www_flask_demo_example_com domain-removed",
      "production heroku_formation.formation_web replacement",
      "production heroku_formation.formation_worker replacement",
    ]);
    expect(r.risks.find((x) => x.rule === "app-destroyed")?.reason).toContain('region changes "us" → "eu"');
    expect(r.cost.deltaUsd).toBe(0);
    expectGolden("change-region", md);
  });

  it("remove production app: every production resource is destroyed, data and domain with it", () => {
    // GIVEN every resource of the production environment removed from the code
    const { review: r, md } = review("remove production app", headEstate((s) => {
      production(s).resource = {};
    }));
    // THEN everything in production is destroyed and costs nothing any more
    expect(r.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 9, move: 0 });
    expect(rules(r)).toEqual([
      "production heroku_addon.postgres data-loss",
      "production heroku_addon.postgres prevent-destroy-removed",
      "production heroku_addon.redis data-loss",
      "production heroku_addon.redis prevent-destroy-removed",
      "production heroku_app.app app-destroyed",
      "production heroku_domain.domain_www_flask_demo_example_com domain-removed",
    ]);
    expect(envCost(r, "production")).toMatchObject({ before: { monthlyUsd: 190 }, after: { monthlyUsd: 0 }, deltaUsd: -190 });
    expect(r.policy).toEqual([]);
    expectGolden("remove-production-app", md);
  });

  it("add secret: a new sensitive variable with no value source is a risk, and no value shows", () => {
    // GIVEN a new secret STRIPE_API_KEY fed from a sensitive variable, and a literal webhook secret typed into config_vars
    const head = headEstate((s) => {
      const p = production(s);
      p.variable = { ...p.variable, production_STRIPE_API_KEY: { sensitive: true, type: "string" } };
      const app = p.resource.heroku_app.app as { config_vars: Record<string, string>; sensitive_config_vars: Record<string, string> };
      app.sensitive_config_vars.STRIPE_API_KEY = "${var.production_STRIPE_API_KEY}";
      app.config_vars.STRIPE_WEBHOOK_SECRET = "whsec_planted_literal_value";
    });
    const { review: r, md, json } = review("add secret", head);
    // THEN the app updates in place, the variable and the literal are flagged, and the literal is masked
    expect(r.counts).toEqual({ create: 0, update: 1, replace: 0, delete: 0, move: 0 });
    expect(rules(r)).toEqual(["production heroku_app.app secret-looking-config", "production var.production_STRIPE_API_KEY secret-without-source"]);
    expect(r.risks[0].reason).toBe("STRIPE_WEBHOOK_SECRET looks like a secret (the key names a credential): move it to secrets:");
    expect(md).toContain("| config_vars.STRIPE_WEBHOOK_SECRET |  | _(sensitive)_ |");
    for (const output of [md, json]) expect(output).not.toContain("whsec_planted_literal_value");
    expectGolden("add-secret", md);
    // AND WHEN the deploy environment provides TF_VAR_production_STRIPE_API_KEY, the risk goes away
    expect(rules(review("add secret", head, { TF_VAR_production_STRIPE_API_KEY: "x" }).review)).toEqual(["production heroku_app.app secret-looking-config"]);
  });

  it("upgrading production Postgres to premium-0 clears the HA guardrail", () => {
    // GIVEN production Postgres on a plan with a standby
    const { review: r } = review("postgres ha", headEstate((s) => {
      production(s).resource.heroku_addon.postgres.plan = "heroku-postgresql:premium-0";
    }));
    // THEN no policy violation remains and production costs $150 more
    expect(r.policy).toEqual([]);
    expect(envCost(r, "production")?.deltaUsd).toBe(150);
  });
});
