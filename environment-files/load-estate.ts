/**
 * Loads every environment file of a folder (`environments/*.yaml`) into
 * validated specs, or fails with every located problem of every file at once.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { refusedByPolicy, type EnvironmentCheckOptions } from "./environment-rules";
import { checkEstate } from "./estate-rules";
import { readEnvironment, type LoadedEnvironment } from "./load-environment";
import { SpecError } from "./located-problem";
import { projectDir } from "./project-config";

/**
 * Where environment files live: `DYNOFORM_ENVIRONMENTS` when set (a project
 * keeping them elsewhere, or a test's scratch folder), else `environments`
 * in the project.
 */
export function environmentsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DYNOFORM_ENVIRONMENTS ?? "environments";
}

/**
 * The folders a build source may be in without saying `outsideProject: true`:
 * the project (the directory dynoform runs in), and the folder holding the
 * environments folder, which is the project when the files live elsewhere
 * (`DYNOFORM_ENVIRONMENTS`: a project keeping them apart, a test's scratch project).
 */
export function estateProject(dir: string): string[] {
  return [projectDir(), dirname(resolve(dir))];
}

/**
 * The environments of `dir`, sorted by name. `dir` is shown in messages as
 * given, so pass it relative to the working directory. `options` carry what
 * the estate's policy adds to the check (see review/policy-config.ts).
 * @throws SpecError listing every problem, one located line each
 */
export function loadEstate(dir: string = environmentsDir(), options: EnvironmentCheckOptions = {}): LoadedEnvironment[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  if (files.length === 0) throw new SpecError([`${dir}: no environment files (*.yaml)`]);
  const project = estateProject(dir);
  const results = files.map((f) => readEnvironment(join(dir, f), { project }));
  const problems = results.flatMap((r) => r.problems);
  const environments = results.flatMap((r) => (r.environment ? [r.environment] : []));
  problems.push(...checkEstate(environments), ...refusedByPolicy(environments, options));
  if (problems.length > 0) throw new SpecError(problems);
  return environments;
}
