import { describe, expect, it } from "vitest";
import { DATA_SOURCES } from "../../provider/data-sources/index";
import { HerokuProvider } from "../../provider/engine/provider";
import { SCHEMAS } from "../../provider/protocol/schema";
import { RESOURCES } from "../../provider/resources/index";

describe("the local provider's coverage of heroku/heroku 5.3.2", () => {
  it("implements every resource and every data source of the schema it serves", () => {
    // GIVEN the schema the provider serves, as Terraform reads it
    const schemaResources = Object.keys(SCHEMAS.resource_schemas).sort();
    const schemaDataSources = Object.keys(SCHEMAS.data_source_schemas).sort();
    // THEN each has an implementation, and nothing is implemented beyond it
    expect(Object.keys(RESOURCES).sort()).toEqual(schemaResources);
    expect(Object.keys(DATA_SOURCES).sort()).toEqual(schemaDataSources);
    expect([schemaResources.length, schemaDataSources.length]).toEqual([29, 7]);
  });

  it("answers a type outside the schema with a diagnostic naming it, not a crash", () => {
    // GIVEN the engine, driven directly (Terraform itself never sends such a type)
    const provider = new HerokuProvider(RESOURCES, DATA_SOURCES, {});
    // WHEN it is asked to validate and plan a made-up resource and to validate a made-up data source
    const validated = provider.validateResource("heroku_nothing", {});
    const planned = provider.plan("heroku_nothing", null, {}, {});
    const data = provider.validateDataSource("heroku_nothing", {});
    // THEN each is one error naming the type
    for (const diagnostics of [validated, planned.diagnostics, data]) {
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0].summary).toContain("heroku_nothing is not a");
    }
  });
});
