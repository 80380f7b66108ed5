import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DYNO_SIZES } from "../../vocabulary";
import { JSON_SCHEMA_FILE, environmentJsonSchemaText } from "../../environment-files/json-schema";

describe("environment JSON Schema", () => {
  it("is committed as npm run gen:schema writes it", () => {
    // GIVEN the committed file WHEN compared with a fresh export THEN they match (else run `npm run gen:schema`)
    expect(readFileSync(JSON_SCHEMA_FILE, "utf8")).toBe(environmentJsonSchemaText());
  });

  it("lets editors complete dyno sizes and reject unknown keys", () => {
    const schema = JSON.parse(environmentJsonSchemaText());
    const process = schema.properties.formation.additionalProperties;
    expect(process.properties.size.enum).toEqual(DYNO_SIZES.map((s) => s.name));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["app"]);
  });
});
