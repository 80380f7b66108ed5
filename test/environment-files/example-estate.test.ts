import { describe, expect, it } from "vitest";
import { findDynoSize } from "../../vocabulary";
import { loadEstate } from "../../environment-files";

describe("the example estate in environments/", () => {
  it("loads staging and production of the flask-demo pipeline", () => {
    // GIVEN the shipped environment files WHEN loaded
    const estate = loadEstate("environments");
    // THEN there is one environment per file, coupled to one pipeline in two stages
    expect(estate.map((e) => [e.name, e.spec.pipeline])).toEqual([
      ["production", { name: "flask-demo", stage: "production" }],
      ["staging", { name: "flask-demo", stage: "staging" }],
    ]);
  });

  it("runs staging on small dynos and production on standard ones with ACM and a domain", () => {
    const [production, staging] = loadEstate("environments").map((e) => e.spec);
    const tiers = (spec: typeof staging) => Object.values(spec.formation).map((p) => findDynoSize(p.size)?.tier);
    expect(tiers(staging)).toEqual(["basic", "basic"]);
    expect(tiers(production)).toEqual(["standard", "standard"]);
    expect(production.app.acm).toBe(true);
    expect(production.domains).toEqual(["www.flask-demo.example.com"]);
    expect([staging.production, production.production]).toEqual([false, true]);
  });

  it("provisions Postgres, Redis and Scheduler in both, and keeps secrets out of config", () => {
    for (const { spec } of loadEstate("environments")) {
      expect(spec.addons.map((a) => a.service)).toEqual(["heroku-postgresql", "heroku-redis", "scheduler"]);
      expect(spec.secrets).toEqual(["SECRET_KEY"]);
      expect(Object.keys(spec.config)).not.toContain("SECRET_KEY");
    }
  });
});
