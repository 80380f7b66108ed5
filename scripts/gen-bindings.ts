/**
 * Generates the TypeScript bindings of the heroku/heroku provider into
 * `.gen/providers/heroku` from `provider/heroku-schema.json`, with cdktf's own
 * generator. `@cdktf/provider-heroku` is not published, and `cdktf get` would
 * need the registry, so the schema file in the repo is the single source.
 *
 *   npm run gen                 always regenerate
 *   tsx scripts/gen-bindings.ts --if-stale   regenerate only when the schema changed (postinstall)
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CodeMaker, TerraformProviderGenerator } from "@cdktf/provider-generator";
import { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } from "@cdktf/commons";

const root = join(__dirname, "..");
const schemaPath = join(root, "provider", "heroku-schema.json");
const outDir = join(root, ".gen");
const stampPath = join(outDir, "providers", "heroku", ".schema-sha256");

/** The provider version the schema file was taken from. */
const HEROKU_PROVIDER_VERSION = "5.3.2";
/** The constraint cdktf writes into `terraform.required_providers.heroku`. */
const CONSTRAINT = "heroku/heroku@~> 5.3";

async function main(): Promise<void> {
  const schemaText = readFileSync(schemaPath, "utf8");
  const digest = createHash("sha256").update(schemaText).digest("hex");
  if (process.argv.includes("--if-stale") && existsSync(stampPath) && readFileSync(stampPath, "utf8") === digest) {
    return;
  }
  // No `provider_versions` entry: cdktf would then pin required_providers to
  // the exact version, where a 5.3.x constraint is what users of the registry
  // provider expect.
  const schema = JSON.parse(schemaText);

  rmSync(join(outDir, "providers", "heroku"), { recursive: true, force: true });
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint(CONSTRAINT), LANGUAGES[0]));
  await code.save(outDir);
  writeFileSync(stampPath, digest);
  console.error(`generated heroku/heroku ${HEROKU_PROVIDER_VERSION} bindings into .gen/providers/heroku`);
}

main().catch((err) => {
  console.error(`gen-bindings: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
