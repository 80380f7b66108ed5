/**
 * The rules an environment file answers to once its shape is valid, run by
 * zod: Heroku's rules from rules/ (the constructs run the same ones), and
 * the few that belong to the file format itself. Each problem is reported
 * at the field to change.
 */
import type { z } from "zod";
import { appProblems, reviewAppsProblems, secretLookingProblems, type AppFacts, type Problem } from "../rules";
import { shortServiceName } from "../vocabulary";
import type { EnvironmentShape } from "./environment-spec";
import type { LoadedEnvironment } from "./load-environment";
import { locateProblem } from "./located-problem";

/** What the rules judge, read off a file whose shape is valid. */
export function environmentFacts(spec: EnvironmentShape): AppFacts {
  return {
    name: spec.app.name,
    team: spec.app.team !== undefined,
    region: spec.app.region,
    space: spec.app.space === undefined ? undefined : { name: spec.app.space },
    acm: spec.app.acm,
    features: spec.app.features,
    formation: spec.formation,
    config: Object.keys(spec.config),
    secrets: spec.secrets,
    addons: spec.addons.map((addon) => ({ ...addon, attachTo: addon.attachTo.map((app) => ({ app })) })),
    domains: spec.domains,
    collaborators: spec.collaborators,
    logDrains: Object.keys(spec.logDrains),
    // A header written `{ secret: KEY }` is not known until deploy, as a Token's is not in the constructs.
    telemetryDrains: Object.entries(spec.telemetryDrains).map(([name, drain]) => ({
      name,
      ...drain,
      headers: Object.fromEntries(Object.entries(drain.headers).map(([header, value]) => [header, typeof value === "string" ? value : undefined])),
    })),
  };
}

/** Entry point for `superRefine`: every rule, reported as custom zod issues. */
export function checkEnvironment(spec: EnvironmentShape, ctx: z.RefinementCtx): void {
  const reviewApps = spec.pipeline?.reviewApps ? reviewAppsProblems(spec.pipeline.reviewApps) : [];
  for (const { path, message } of [...fileProblems(spec), ...appProblems(environmentFacts(spec)), ...reviewApps]) {
    ctx.addIssue({ code: "custom", path: [...path], message });
  }
}

/**
 * The file format's own rules: a source to build, one address per add-on
 * (`postgres`, or its attachment name), so two add-ons of one service need
 * names of their own, and review apps deployed to a region or a space.
 */
function fileProblems(spec: EnvironmentShape): Problem[] {
  const problems: Problem[] = [];
  if (spec.app.source === undefined && spec.import === undefined) {
    problems.push({
      path: ["app", "source"],
      message: "is required: a directory, a .tar.gz or an https:// URL to build (only an app brought under code by dynoform import may leave it out)",
    });
  }
  const reviewApps = spec.pipeline?.reviewApps;
  if (reviewApps?.region !== undefined && reviewApps.space !== undefined) {
    problems.push({ path: ["pipeline", "reviewApps", "space"], message: `review apps run in a region or in a space: give region: ${reviewApps.region} or space: ${reviewApps.space}, not both` });
  }
  const addresses = new Map<string, number>();
  spec.addons.forEach((addon, i) => {
    const address = addonAddress(addon.service, addon.as);
    const earlier = addresses.get(address);
    if (earlier === undefined) addresses.set(address, i);
    else if (addon.as === undefined) {
      problems.push({
        path: ["addons", i, "service"],
        message: `a second ${addon.service} add-on (after addons[${earlier}]) needs a name of its own: give it an attachment name, like as: ${addon.service.replace(/^heroku-/, "").toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_2`,
      });
    }
  });
  return problems;
}

/**
 * The Terraform address of an environment's add-on: the attachment name in
 * lower case when given, else the service's short name (`postgres`, `redis`,
 * `scheduler`). Import blocks and reviews name add-ons by it.
 */
export function addonAddress(service: string, as?: string): string {
  if (as) return as.toLowerCase();
  return shortServiceName(service).replace(/[^a-z0-9_]+/g, "_");
}

/**
 * What the estate's policy asks of the environment check. The policy lives
 * with the review, a layer above: whoever loads the estate for synth reads
 * it (review/policy-config.ts, `environmentCheckOptions`) and passes this in.
 */
export interface EnvironmentCheckOptions {
  /** Refuse plain config vars, drain URLs and drain headers that look like secrets (`secret-looking-config: refuse`). */
  readonly refuseSecretLookingConfig?: boolean;
}

/** The located problems the policy turns into refusals, one line each, at the value (after the Heroku rules passed). */
export function refusedByPolicy(environments: readonly LoadedEnvironment[], options: EnvironmentCheckOptions): string[] {
  if (!options.refuseSecretLookingConfig) return [];
  return environments.flatMap(({ spec, yaml }) =>
    secretLookingProblems(spec).map((p) => locateProblem({ ...p, message: `${p.message} (dynoform.policy.yaml refuses secret-looking config)` }, yaml)),
  );
}
