/**
 * Heroku's rules (rules/) run on a HerokuApp once the construct tree is
 * complete (aws-cdk's lazy validators), so rules that span several `add*`
 * calls see every call. Each message names the app; values that are Tokens
 * are left out of the facts and so never judged.
 */
import type { IValidation } from "constructs";
import { appProblems, estateProblems, formatPath, type AddonFacts, type AppFacts, type Problem } from "../rules";
import { Addon } from "./addon";
import type { HerokuApp } from "./heroku-app";
import { secretVariableName } from "./secrets";
import { known } from "./tokens";

/** The add-ons provisioned for `app`, anywhere in the tree (internal helper). */
function addonsOf(app: HerokuApp): Addon[] {
  return app.node.root.node.findAll().filter((c): c is Addon => c instanceof Addon && c.app === app);
}

/** What the rules judge, read off an app and its add-ons. */
export function appFacts(app: HerokuApp, addons: readonly Addon[] = addonsOf(app)): AppFacts {
  const keys = app.configKeys;
  return {
    ...app.facts(),
    name: known(app.appName),
    acm: app.acm,
    features: app.features.map(known),
    formation: app.formation.facts(),
    config: keys.plain,
    secrets: keys.secret,
    addons: addons.map((addon): AddonFacts => addon.facts()),
    domains: app.domains.map(known),
    procfile: app.source?.procfile(),
  };
}

/** `addons[1].plan` reads `add-on <path>: plan` where an add-on is a construct (internal helper). */
function describe(problem: Problem, addons: readonly Addon[]): string {
  const [first, index, ...rest] = problem.path;
  if (first === "addons" && typeof index === "number") {
    return `add-on ${addons[index].node.path}${rest.length > 0 ? `: ${formatPath(rest)}` : ""}: ${problem.message}`;
  }
  return `${formatPath(problem.path)}: ${problem.message}`;
}

/** How messages name an app: by its name, or by its construct path while the name is a Token. */
export function appLabel(app: HerokuApp): string {
  return `app ${known(app.appName) ?? app.node.path}`;
}

/** The validator a HerokuApp adds to itself; `apps` lists every HerokuApp of the tree, in tree order. */
export function appValidator(app: HerokuApp, apps: () => HerokuApp[]): IValidation {
  return {
    validate: () => {
      app.warnUndeclaredWeb();
      const addons = addonsOf(app);
      const own = appProblems(appFacts(app, addons)).map((p) => describe(p, addons));
      return [...own, ...estateWide(app, apps())].map((message) => `${appLabel(app)}: ${message}`);
    },
  };
}

/** Names unique across the tree, and one Terraform variable per secret; reported at the later app (internal helper). */
function estateWide(app: HerokuApp, apps: HerokuApp[]): string[] {
  const index = apps.indexOf(app);
  const members = apps.map((a) => ({ name: known(a.appName), domains: a.domains.map(known), where: a.node.path }));
  const shared = estateProblems(members)
    .filter((p) => p.member === index)
    .map((p) => `${formatPath(p.path)}: ${p.message}`);
  const variables = new Map(apps.slice(0, index).flatMap((a) => a.secretValues.map((key) => [secretVariableName(a.environment, key), a] as const)));
  for (const key of app.secretValues) {
    const earlier = variables.get(secretVariableName(app.environment, key));
    if (earlier) {
      shared.push(
        `secret "${key}" would share the variable ${secretVariableName(app.environment, key)} with ${appLabel(earlier)}: give the apps different environment names`,
      );
    }
  }
  return shared;
}
