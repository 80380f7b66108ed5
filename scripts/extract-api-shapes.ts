/**
 * Reduces the official Platform API schema (heroku-go's v6/schema.json,
 * which the project does not ship) to the facts its shape test needs:
 * for each record the platform serves, each property and the JSON types
 * the schema allows for it. Run it when the schema moves:
 *
 *   npx tsx scripts/extract-api-shapes.ts path/to/schema.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; links?: { targetSchema?: Schema }[] };

/** The definitions whose records the embedded platform serves. */
const DEFINITIONS = [
  "account", "app", "build", "slug", "release", "formation", "dyno", "add-on", "add-on-attachment", "domain", "sni-endpoint",
  "pipeline", "pipeline-coupling", "pipeline-promotion", "pipeline-promotion-target", "collaborator", "log-drain",
  "app-webhook", "app-feature", "buildpack-installation", "account-feature", "review-app-config",
  "team", "team-app", "team-app-collaborator", "team-app-permission", "team-feature", "team-member",
  "space", "space-nat", "space-app-access", "inbound-ruleset", "peering", "peering-info", "vpn-connection", "telemetry-drain",
];
const OUT = join(__dirname, "..", "test", "platform", "fixtures", "api-shapes.json");

function main(schemaFile: string): void {
  const root = JSON.parse(readFileSync(schemaFile, "utf8")) as { definitions: Record<string, Schema> };
  const resolve = (s: Schema): Schema => {
    let at = s;
    while (at.$ref) at = at.$ref.split("/").slice(1).reduce((o: any, k) => o[k], root);
    return at;
  };
  const shapes: Record<string, Record<string, string[]>> = {};
  for (const name of DEFINITIONS) {
    const def = root.definitions[name];
    if (!def) throw new Error(`the schema has no definition named ${name}`);
    // Most definitions list their properties; a few (app-webhook) only through what their links answer.
    const properties = def.properties ?? resolve(def.links?.[0]?.targetSchema ?? {}).properties ?? {};
    shapes[name] = Object.fromEntries(Object.entries(properties).map(([p, s]) => [p, ([] as string[]).concat(resolve(s).type ?? [])]));
  }
  // One property a line, so a schema change reads as a small diff.
  const lines = Object.entries(shapes).map(
    ([name, props]) => `  ${JSON.stringify(name)}: {\n${Object.entries(props).map(([p, t]) => `    ${JSON.stringify(p)}: ${JSON.stringify(t)}`).join(",\n")}\n  }`,
  );
  writeFileSync(OUT, `{\n${lines.join(",\n")}\n}\n`);
  console.log(`wrote ${OUT}: ${DEFINITIONS.length} definitions`);
}

const [schemaFile] = process.argv.slice(2);
if (!schemaFile) {
  console.error("usage: tsx scripts/extract-api-shapes.ts SCHEMA_JSON");
  process.exit(2);
}
main(schemaFile);
