/**
 * The JSON Schema of environment files, from zod's own `z.toJSONSchema`, so
 * editors complete and check `environments/*.yaml` (see the
 * `yaml-language-server` comment at the top of each file). Run
 * `npm run gen:schema` after changing the schema; a test fails while the
 * committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { environmentSchema } from "./environment-spec";

export const JSON_SCHEMA_FILE = join(__dirname, "environment.schema.json");

/** The file's text: the schema of what a file may say (zod's input side, before defaults). */
export function environmentJsonSchemaText(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: "input", unrepresentable: "any" });
  return JSON.stringify({ ...schema, title: "dynoform environment" }, null, 2) + "\n";
}

if (require.main === module) {
  writeFileSync(JSON_SCHEMA_FILE, environmentJsonSchemaText());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
}
