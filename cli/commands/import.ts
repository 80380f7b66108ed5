/**
 * `dynoform import --app NAME [--env NEW] [--api-url URL] [--dry-run]`:
 * brings a live, hand-made app under code. Writes `environments/<env>.yaml`
 * (validated with the rest of the estate) whose import section makes the
 * first apply adopt the live resources. Reads the embedded platform unless
 * --api-url or HEROKU_API_URL says otherwise; the key is HEROKU_API_KEY (or
 * the embedded platform's own).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { importApp } from "../../clone/import-app";
import { secretVariableName } from "../../constructs/secrets";
import { localPaths } from "../../lib/local-paths";
import { platformApiKey, runningServer } from "../../deploy/platform-process";
import { storeLocalSecretValues } from "../../deploy/secrets";
import { writeFileAtomic } from "../../lib/atomic-file";
import { HerokuApiError, HerokuClient } from "../../lib/heroku-api-client";
import { checkEstate, environmentsDir, loadEstate, parseEnvironment } from "../../environment-files";
import { UserError } from "../../lib/user-error";

export const summary = "write an environment file from a live app, with import blocks so the first apply adopts it (--app, --env)";

const USAGE = `usage: dynoform import --app NAME [--env NEW] [--api-url URL] [--dry-run]
  --app      the live app's name or id
  --env      the environment's name, i.e. environments/<env>.yaml (default: the app's name)
  --api-url  the Platform API to read (default: HEROKU_API_URL, else the running embedded platform)
  --dry-run  print the file instead of writing it`;

/** Where to read and with which key; only the embedded platform's own key is ever looked up (internal helper). */
function apiTarget(apiUrl: string | undefined): { url: string; apiKey: string; embedded: boolean } {
  const embedded = runningServer(localPaths().platform);
  const url = apiUrl ?? process.env.HEROKU_API_URL ?? embedded?.url;
  if (!url) throw new UserError("no Platform API to read: start the embedded platform (npx dynoform platform start) or give --api-url");
  const isEmbedded = embedded?.url === url;
  const apiKey = process.env.HEROKU_API_KEY ?? (isEmbedded ? platformApiKey(localPaths().platform) : undefined);
  if (!apiKey) throw new UserError(`no API key for ${url}: set HEROKU_API_KEY`);
  return { url, apiKey, embedded: isEmbedded };
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { app: { type: "string" }, env: { type: "string" }, "api-url": { type: "string" }, "dry-run": { type: "boolean", default: false } },
  });
  if (!values.app) throw new UserError(`--app is required\n${USAGE}`, 2);
  const name = values.env ?? values.app;
  const file = join(environmentsDir(), `${name}.yaml`);
  if (existsSync(file) && !values["dry-run"]) throw new UserError(`${file} already exists: pick another --env or delete it first`);
  const target = apiTarget(values["api-url"]);
  const client = new HerokuClient({ url: target.url, apiKey: target.apiKey, maxAttempts: 3 });
  let imported;
  try {
    imported = await importApp(client, values.app, name);
  } catch (error) {
    if (error instanceof HerokuApiError && error.status === 404) throw new UserError(`no app "${values.app}" on ${target.url}: check the name, or that this key can see it`);
    if (error instanceof HerokuApiError && (error.status === 401 || error.status === 403)) {
      throw new UserError(`no access to app "${values.app}" on ${target.url}: ${error.message}`);
    }
    throw error;
  }
  // The file must be valid, alone and in the estate (no app name or hostname taken twice), before it is written.
  const parsed = parseEnvironment(file, imported.text);
  const problems = parsed.environment ? checkEstate([...loadEstate().filter((e) => e.name !== name), parsed.environment]) : parsed.problems;
  if (problems.length > 0) throw new UserError(`the imported environment is not valid:\n${problems.join("\n")}`);
  if (values["dry-run"]) {
    process.stdout.write(imported.text);
  } else {
    writeFileAtomic(file, imported.text, 0o644);
    console.log(`wrote ${file} from ${values.app} (${target.url})`);
  }
  for (const note of imported.notes) console.log(`note: ${note}`);
  const secrets = Object.keys(imported.secretValues);
  if (secrets.length > 0 && target.embedded && !values["dry-run"]) {
    storeLocalSecretValues(localPaths().local, Object.fromEntries(secrets.map((k) => [secretVariableName(name, k), imported.secretValues[k]])));
    console.log(`secrets ${secrets.join(", ")}: their live values are kept for local deploys (mode 0600), not in the file`);
  } else if (secrets.length > 0) {
    console.log(`secrets ${secrets.join(", ")}: before deploying, export ${secrets.map((k) => `TF_VAR_${secretVariableName(name, k)}`).join(", ")} with their live values`);
  }
  console.log(`next: npx dynoform plan ${name} --target ${target.embedded ? "local" : "heroku"}  (adopts the live resources: no create, no destroy)`);
  return 0;
}
