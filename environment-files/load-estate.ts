/**
 * Loads every environment file of a folder (`environments/*.yaml`) into
 * validated specs, or fails with every located problem of every file at once.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { checkEstate } from "./estate-rules";
import { parseEnvironment, type LoadedEnvironment } from "./load-environment";
import { SpecError } from "./located-problem";

/**
 * Where environment files live: `DYNOFORM_ENVIRONMENTS` when set (a project
 * keeping them elsewhere, or a test's scratch folder), else `environments`
 * in the project.
 */
export function environmentsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DYNOFORM_ENVIRONMENTS ?? "environments";
}

/**
 * The environments of `dir`, sorted by name. `dir` is shown in messages as
 * given, so pass it relative to the working directory.
 * @throws SpecError listing every problem, one located line each
 */
export function loadEstate(dir: string = environmentsDir()): LoadedEnvironment[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  if (files.length === 0) throw new SpecError([`${dir}: no environment files (*.yaml)`]);
  const results = files.map((f) => {
    const file = join(dir, f);
    return parseEnvironment(file, readFileSync(file, "utf8"));
  });
  const problems = results.flatMap((r) => r.problems);
  const environments = results.flatMap((r) => (r.environment ? [r.environment] : []));
  problems.push(...checkEstate(environments));
  if (problems.length > 0) throw new SpecError(problems);
  return environments;
}
