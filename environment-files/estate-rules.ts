/**
 * Rules across the environment files of one estate (rules/estate.ts: app
 * names and custom hostnames unique, one review app configuration per pipeline), each problem located at the later
 * occurrence and naming the earlier file.
 */
import { estateProblems } from "../rules";
import type { LoadedEnvironment } from "./load-environment";
import { locateProblem } from "./located-problem";

/** Every located estate problem, in file order. */
export function checkEstate(environments: readonly LoadedEnvironment[]): string[] {
  const members = environments.map(({ spec, yaml }) => ({
    name: spec.app.name,
    domains: spec.domains,
    reviewAppsOf: spec.pipeline?.reviewApps ? spec.pipeline.name : undefined,
    where: yaml.file,
  }));
  return estateProblems(members).map((problem) => locateProblem(problem, environments[problem.member].yaml));
}
