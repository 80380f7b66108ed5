/**
 * Where a per-pull-request preview lives and how it is removed without a
 * trace: its files under `<DYNOFORM_HOME>/previews/<name>/` (environment
 * file, synthesized tree, plan, local state), its secrets, and its state in
 * the backend — a pg schema of its own, dropped on `down`.
 */
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { join, resolve } from "node:path";
import { UserError } from "../lib/user-error";
import { drainUrlSecrets, localSecretValues, madeUpSecret, requiredSecretVariables, type SynthesizedStack } from "./secrets";

/** `<DYNOFORM_HOME>/previews/<name>`: everything of one preview on this machine. */
export function previewDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env.DYNOFORM_HOME ?? ".dynoform"), "previews", name);
}

/**
 * The backend a preview's state goes to: `pg` (what CI shares between the
 * run that brings a preview up and the one that takes it down), or a local
 * file in the preview's folder. Other backends are refused before anything
 * is created, as `down` could not remove their state.
 * @returns the variables that choose it for the synth
 */
export function previewBackendEnvironment(dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const backend = env.DYNOFORM_BACKEND || "local";
  if (backend === "pg") return {};
  if (backend === "local") return { DYNOFORM_BACKEND: "local", DYNOFORM_STATE_DIR: join(dir, "state") };
  throw new UserError(`DYNOFORM_BACKEND "${backend}" is not one previews can remove the state of: use pg or local`);
}

/**
 * A preview stack's secrets: with DYNOFORM_PREVIEW_SECRET (a repository
 * secret in CI), derived from it and the variable's name, so every run of
 * every job feeds the same values and a second `up` changes nothing; without
 * it, generated once and kept in the preview's folder. Never the source's
 * values; a log drain's URL gets a made-up URL.
 */
export function previewSecretValues(stack: SynthesizedStack, dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const names = requiredSecretVariables([stack]);
  const urls = drainUrlSecrets([stack]);
  const seed = env.DYNOFORM_PREVIEW_SECRET;
  if (!seed) return localSecretValues(dir, names, urls);
  return Object.fromEntries(names.map((name) => [name, madeUpSecret(createHmac("sha256", seed).update(name).digest("hex"), urls.includes(name))]));
}

/** libpq's variable for each connection option psql is given (internal helper). */
const LIBPQ_VARIABLES: Record<string, string> = {
  host: "PGHOST",
  hostaddr: "PGHOSTADDR",
  port: "PGPORT",
  user: "PGUSER",
  password: "PGPASSWORD",
  dbname: "PGDATABASE",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  connect_timeout: "PGCONNECT_TIMEOUT",
};

/**
 * PG_CONN_STR (a postgres:// URL or `key=value` pairs) as libpq variables,
 * so the password is in no command line (internal helper, exported for tests).
 * @throws UserError naming an option it does not know
 */
export function libpqEnvironment(connection: string): Record<string, string> {
  const options: [string, string][] = [];
  if (/^postgres(ql)?:\/\//.test(connection)) {
    const url = new URL(connection);
    options.push(["host", url.hostname], ["port", url.port], ["user", decodeURIComponent(url.username)], ["password", decodeURIComponent(url.password)]);
    options.push(["dbname", decodeURIComponent(url.pathname.slice(1))], ...url.searchParams.entries());
  } else {
    for (const pair of connection.trim().split(/\s+/)) options.push(pair.split("=", 2) as [string, string]);
  }
  const env: Record<string, string> = {};
  for (const [key, value] of options.filter(([, value]) => value)) {
    if (!LIBPQ_VARIABLES[key]) throw new UserError(`PG_CONN_STR option "${key}" is not one dynoform passes to psql (${Object.keys(LIBPQ_VARIABLES).join(", ")})`);
    env[LIBPQ_VARIABLES[key]] = value;
  }
  return env;
}

/**
 * Drops the pg schema a destroyed preview's state was in: Terraform keeps
 * the default workspace's (empty) state and will not delete it itself.
 * Uses `psql`; local state goes with the preview's folder.
 */
export function removePreviewState(stack: SynthesizedStack, env: NodeJS.ProcessEnv = process.env): void {
  const schema = stack.json.terraform?.backend?.pg?.schema_name;
  if (typeof schema !== "string") return;
  const sql = `DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`;
  const libpq = libpqEnvironment(env.PG_CONN_STR ?? "");
  try {
    execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], { env: { ...process.env, ...libpq }, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
    throw new UserError(`could not drop the state schema ${schema} with psql: ${stderr.split("\n")[0]}`);
  }
}
