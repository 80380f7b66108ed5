import { describe, expect, it } from "vitest";
import { forcesReplacement } from "../../review/force-new";
import { modelFromTrees } from "../../review/load-model";
import { DEFAULT_POLICY_CONFIG, PolicyConfigSchema, isProduction } from "../../review/policy-config";
import { buildReview } from "../../review/review";
import { StackJson, fixtureEstate, headEstate } from "./estate-fixture";

function findings(mutate: (stacks: Record<string, StackJson>) => void, config = DEFAULT_POLICY_CONFIG) {
  const r = buildReview(modelFromTrees(fixtureEstate(), headEstate(mutate, fixtureEstate), "rules", {}), config);
  return { risks: r.risks.map((x) => `${x.address} ${x.rule}`), policy: r.policy.map((v) => `${v.address} ${v.rule}`), review: r };
}

describe("risk rules", () => {
  it("flags production web scaled to 1 and a process scaled to 0", () => {
    // GIVEN production web at 1 dyno and the worker at 0
    const { risks, policy, review } = findings((s) => {
      s.production.resource.heroku_formation.formation_web.quantity = 1;
      s.production.resource.heroku_formation.formation_worker.quantity = 0;
    });
    // THEN both are risks, and web also breaks the web minimum
    expect(risks).toEqual(["heroku_formation.formation_web production-scale-down", "heroku_formation.formation_worker production-scale-down"]);
    expect(review.risks[1].reason).toContain("worker dynos to 0");
    expect(policy).toContain("heroku_formation.formation_web production-web-min");
  });

  it("does not flag the same scale-down in staging", () => {
    expect(findings((s) => (s.staging.resource.heroku_formation.formation_web.quantity = 0)).risks).toEqual([]);
  });

  it("flags a stack change, updated in place by the provider", () => {
    const { risks, review } = findings((s) => (s.production.resource.heroku_app.app.stack = "heroku-22"));
    expect(risks).toEqual(["heroku_app.app stack-change"]);
    expect(review.counts.update).toBe(1);
  });

  it("flags a removed prevent_destroy and an add-on config change that forces replacement", () => {
    const { risks } = findings((s) => {
      delete s.production.resource.heroku_addon.redis.lifecycle;
      s.staging.resource.heroku_addon.postgres.config = { db_version: "17" };
    });
    expect(risks).toEqual(["heroku_addon.postgres data-loss", "heroku_addon.redis prevent-destroy-removed"]);
  });
});

describe("policy rules", () => {
  it("fails production on eco dynos and on a custom domain without ACM", () => {
    // GIVEN production on eco web dynos with ACM off
    const { policy } = findings((s) => {
      s.production.resource.heroku_formation.formation_web.size = "eco";
      s.production.resource.heroku_formation.formation_web.quantity = 1;
      s.production.resource.heroku_app.app.acm = false;
    });
    // THEN the tier, ACM and web-minimum rules all fail (besides the estate's standard-0 Postgres)
    expect(policy).toEqual([
      "heroku_formation.formation_web production-dyno-tier",
      "heroku_addon.postgres production-postgres-ha",
      "heroku_domain.domain_www production-acm-on-custom-domains",
      "heroku_formation.formation_web production-web-min",
    ]);
  });

  it("applies to the environments the estate names, with globs", () => {
    const config = PolicyConfigSchema.parse({ productionEnvironments: ["prod-*", "live"] });
    expect(["prod-eu", "live", "production"].map((s) => isProduction(config, s))).toEqual([true, true, false]);
    // AND a staging stack named production-like gets the rules
    const { policy } = findings(() => undefined, PolicyConfigSchema.parse({ productionEnvironments: ["staging"] }));
    expect(policy).toContain("heroku_formation.formation_web production-dyno-tier");
  });
});

describe("ForceNew table", () => {
  it("matches nested block paths with or without list indexes", () => {
    expect(forcesReplacement("heroku_app", "organization.0.name")).toBe(true);
    expect(forcesReplacement("heroku_app", "organization.locked")).toBe(false);
    expect(forcesReplacement("heroku_addon", "config.db_version")).toBe(true);
    expect(forcesReplacement("heroku_addon", "plan")).toBe(false);
    expect(forcesReplacement("heroku_config", "vars.X")).toBe(false);
  });
});
