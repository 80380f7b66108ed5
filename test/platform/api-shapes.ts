/**
 * Test harness (internal): the official Platform API schema's shapes
 * (`fixtures/api-shapes.json`, reduced from heroku-go's v6/schema.json by
 * scripts/extract-api-shapes.ts): for each definition, its properties and
 * the JSON types each may have. heroku-go decodes strictly, so a string
 * where the schema wants an object breaks a client.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const API_SHAPES: Record<string, Record<string, string[]>> = JSON.parse(readFileSync(join(__dirname, "fixtures", "api-shapes.json"), "utf8"));

const JSON_TYPES: Record<string, string> = { integer: "number", number: "number", string: "string", boolean: "boolean", object: "object", array: "array", null: "null" };

/** What in `record` the schema's `definition` wants and it lacks, or has in a type the schema does not allow. */
export function shapeProblems(definition: string, record: Record<string, unknown>): string[] {
  const shape = API_SHAPES[definition];
  if (!shape) throw new Error(`${definition} is not in fixtures/api-shapes.json: add it to scripts/extract-api-shapes.ts`);
  return Object.entries(shape).flatMap(([name, types]) => {
    if (!(name in record)) return [`${definition}.${name} is missing`];
    const value = record[name];
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    const allowed = types.map((t) => JSON_TYPES[t]);
    return allowed.length > 0 && !allowed.includes(actual) ? [`${definition}.${name} is ${actual}, the schema wants ${allowed.join(" or ")}`] : [];
  });
}
