import { describe, expect, it } from "vitest";
import { planChange } from "../../provider/engine/plan";
import { providerSettings } from "../../provider/engine/provider-config";
import type { ResourceType } from "../../provider/engine/resource-type";
import { isUnknown, type ObjectValue } from "../../provider/protocol/cty";
import { SCHEMAS } from "../../provider/protocol/schema";
import { RESOURCES } from "../../provider/resources";

const settings = providerSettings({});

function plan(typeName: string, prior: ObjectValue | null, config: ObjectValue, type: ResourceType = RESOURCES[typeName]) {
  const block = SCHEMAS.resource_schemas[typeName].block;
  const names = [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})];
  const full = (v: ObjectValue) => Object.fromEntries(names.map((k) => [k, v[k] ?? null]));
  const configured = full(config);
  // Terraform's proposed new state: configuration, with prior values where an optional+computed attribute is unset.
  const proposed = { ...configured };
  for (const [name, a] of Object.entries(block.attributes ?? {})) if (a.computed && configured[name] === null && prior) proposed[name] = prior[name] ?? null;
  return planChange(type, block, prior && full(prior), proposed, configured, settings);
}

describe("planning like the real provider's SDK", () => {
  it("leaves computed attributes unknown on create", () => {
    // GIVEN a new heroku_app WHEN planned
    const { planned } = plan("heroku_app", null, { name: "a", region: "us" });
    // THEN what the platform decides is unknown, what was configured is kept
    expect(isUnknown(planned?.id)).toBe(true);
    expect(isUnknown(planned?.web_url)).toBe(true);
    expect(planned?.name).toBe("a");
  });

  it("plans no change for a formation size that differs from state only in case, as the real provider suppresses it", () => {
    // GIVEN a formation whose state holds Heroku's spelling of its size
    const prior = { id: "f", app_id: "a", type: "web", quantity: 1, size: "Standard-1X" };
    // WHEN the configuration says it in lowercase, then names another size
    const same = plan("heroku_formation", prior, { app_id: "a", type: "web", quantity: 1, size: "standard-1x" });
    const other = plan("heroku_formation", prior, { app_id: "a", type: "web", quantity: 1, size: "standard-2x" });
    // THEN the first keeps the state's value (no diff), the second plans the new size
    expect(same.planned?.size).toBe("Standard-1X");
    expect(other.planned?.size).toBe("standard-2x");
  });

  it("replaces on a ForceNew attribute and updates in place otherwise", () => {
    const prior = { id: "1", name: "a", region: "us", stack: "heroku-24", config_vars: { A: "1" } };
    expect(plan("heroku_app", prior, { name: "a", region: "eu", config_vars: { A: "1" } }).requiresReplace).toEqual([["region"]]);
    expect(plan("heroku_app", prior, { name: "a", region: "us", config_vars: { A: "2" } }).requiresReplace).toEqual([]);
  });

  it("replaces on a ForceNew attribute of a nested block, naming the block's element", () => {
    const prior = { id: "1", name: "a", region: "us", organization: [{ name: "acme", locked: false, personal: false }] };
    const moved = plan("heroku_app", prior, { name: "a", region: "us", organization: [{ name: "beta", locked: false, personal: false }] });
    const locked = plan("heroku_app", prior, { name: "a", region: "us", organization: [{ name: "acme", locked: true, personal: false }] });
    const joined = plan("heroku_app", { ...prior, organization: [] }, { name: "a", region: "us", organization: [{ name: "acme", locked: null, personal: null }] });
    expect(moved.requiresReplace).toEqual([["organization", 0, "name"]]);
    expect(locked.requiresReplace).toEqual([]);
    expect(joined.requiresReplace).toEqual([["organization", 0, "name"]]);
  });

  it("applies defaults the configuration leaves out", () => {
    const { planned } = plan("heroku_app_feature", null, { app_id: "x", name: "preboot" });
    expect(planned?.enabled).toBe(true);
  });

  it("treats an empty prior value and an unset attribute as the same", () => {
    // GIVEN state read back with an empty map where the configuration has nothing
    const prior = { id: "c", app_id: "x", vars: {}, sensitive_vars: null };
    // WHEN planned again
    const { planned, requiresReplace } = plan("heroku_app_config_association", prior, { app_id: "x" });
    // THEN nothing changes
    expect(planned?.vars).toEqual({});
    expect(requiresReplace).toEqual([]);
  });

  it("keeps an optional block the platform filled in when the configuration leaves it out", () => {
    const prior = { id: "p", name: "flask", owner: [{ id: "u", type: "user" }] };
    const { planned } = plan("heroku_pipeline", prior, { name: "flask" });
    expect(planned?.owner).toEqual([{ id: "u", type: "user" }]);
  });

  it("plans nothing for a destroy", () => {
    const block = SCHEMAS.resource_schemas.heroku_app.block;
    expect(planChange(RESOURCES.heroku_app, block, { id: "1" }, null, null, settings)).toEqual({ planned: null, requiresReplace: [] });
  });
});
