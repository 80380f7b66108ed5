/**
 * Rules across the environment files of one estate: Heroku names that must
 * be unique (app names, custom hostnames) and one app per pipeline stage.
 * Each problem is located at the later occurrence and names the earlier file.
 * One app in two pipelines cannot be written: an environment names one
 * pipeline, and two environments naming one app already fail as a duplicate.
 */
import type { LoadedEnvironment } from "./load-environment";
import { locateProblem, type ProblemPath } from "./located-problem";

interface Claim {
  readonly environment: LoadedEnvironment;
  readonly path: ProblemPath;
}

/** Every located estate problem, in file order. */
export function checkEstate(environments: readonly LoadedEnvironment[]): string[] {
  const problems: string[] = [];
  /** Records `key` for `claim`, reporting `describe(earlier)` when someone had it first (internal helper). */
  const unique = (claims: Map<string, Claim>, key: string, claim: Claim, describe: (earlier: Claim) => string) => {
    const earlier = claims.get(key);
    if (earlier) problems.push(locateProblem({ path: claim.path, message: describe(earlier) }, claim.environment.yaml));
    else claims.set(key, claim);
  };
  const apps = new Map<string, Claim>();
  const hosts = new Map<string, Claim>();
  const stages = new Map<string, Claim>();
  for (const environment of environments) {
    const { spec } = environment;
    unique(
      apps,
      spec.app.name,
      { environment, path: ["app", "name"] },
      (e) => `"${spec.app.name}" is already the app of ${e.environment.yaml.file}`,
    );
    spec.domains.forEach((host, i) =>
      unique(hosts, host, { environment, path: ["domains", i] }, (e) => `"${host}" is already a domain of ${e.environment.yaml.file}`),
    );
    if (spec.pipeline) {
      const { name, stage } = spec.pipeline;
      unique(
        stages,
        `${name}/${stage}`,
        { environment, path: ["pipeline", "stage"] },
        (e) => `pipeline "${name}" already has ${e.environment.spec.app.name} (${e.environment.yaml.file}) in stage ${stage}: one app per stage`,
      );
    }
  }
  return problems;
}
