/**
 * Heroku's rules that tie fields of one environment file together, run by
 * zod after the shape is valid. Each problem is reported at the field to
 * change, naming the bad value and the field it clashes with.
 */
import type { z } from "zod";
import { POSTGRES_VERSIONS, didYouMean, findAddonService, findAppFeature, findDynoSize } from "../vocabulary";
import type { EnvironmentShape } from "./environment-spec";

type Report = (path: (string | number)[], message: string) => void;

/** Entry point for `superRefine`: every rule below, reported as custom zod issues. */
export function checkEnvironment(spec: EnvironmentShape, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message });
  if (spec.app.source === undefined && spec.import === undefined) {
    report(["app", "source"], "is required: a directory, a .tar.gz or an https:// URL to build (only an app brought under code by dynoform import may leave it out)");
  }
  checkFormation(spec, report);
  checkConfig(spec, report);
  checkAddons(spec, report);
  checkDomains(spec, report);
}

/** Sizes exist (the schema checked the names), so the look-up is total here (internal helper). */
function sizeOf(name: string) {
  return findDynoSize(name) as NonNullable<ReturnType<typeof findDynoSize>>;
}

function checkFormation(spec: EnvironmentShape, report: Report): void {
  const processes = Object.entries(spec.formation);
  if ("release" in spec.formation) {
    report(["formation", "release"], `"release" is the release phase: Heroku runs it once per deploy and never scales it`);
  }
  for (const [type, { size, quantity }] of processes) {
    const info = sizeOf(size);
    if (quantity > info.maxQuantity) {
      const why = info.maxQuantity === 1 ? `${size} runs at most 1 dyno per process type` : `at most ${info.maxQuantity} per process type`;
      report(["formation", type, "quantity"], `${quantity} is too many ${size} dynos: ${why}`);
    }
  }
  // Eco and basic apps run that one tier only (https://devcenter.heroku.com/articles/dyno-types).
  const [first, ...others] = processes;
  const small = (tier: string) => tier === "eco" || tier === "basic";
  for (const [type, { size }] of others) {
    const [firstType, { size: firstSize }] = first;
    const tier = sizeOf(size).tier;
    const firstTier = sizeOf(firstSize).tier;
    if (tier !== firstTier && (small(tier) || small(firstTier))) {
      report(
        ["formation", type, "size"],
        `"${size}" cannot run next to ${firstSize} dynos (formation.${firstType}): an app with eco or basic dynos uses that tier for every process type`,
      );
    }
  }
  const ecoProcess = processes.find(([, p]) => !sizeOf(p.size).supportsAcm);
  if (spec.app.acm && ecoProcess) {
    report(["app", "acm"], `ACM is not available on eco dynos (formation.${ecoProcess[0]}.size is "${ecoProcess[1].size}")`);
  }
  const unpaid = processes.find(([, p]) => !sizeOf(p.size).supportsPreboot);
  spec.app.features.forEach((feature, i) => {
    if (unpaid && findAppFeature(feature)?.needsPaidDynos) {
      report(["app", "features", i], `"${feature}" needs standard or performance dynos (formation.${unpaid[0]}.size is "${unpaid[1].size}")`);
    }
  });
}

function checkConfig(spec: EnvironmentShape, report: Report): void {
  spec.secrets.forEach((key, i) => {
    if (spec.secrets.indexOf(key) < i) report(["secrets", i], `"${key}" is listed twice`);
    if (key in spec.config) report(["secrets", i], `"${key}" is also a plain config var: a key is either in config or in secrets`);
  });
}

function checkAddons(spec: EnvironmentShape, report: Report): void {
  const attachmentNames = new Map<string, number>();
  spec.addons.forEach((addon, i) => {
    const service = findAddonService(addon.service);
    if (!service) return; // the schema already named the unknown service
    if (addon.plan !== undefined && !service.plans.some((p) => p.name === addon.plan)) {
      const planNames = service.plans.map((p) => p.name);
      report(["addons", i, "plan"], `"${addon.plan}" is not a ${service.name} plan${didYouMean(addon.plan, planNames)}`);
    }
    if (addon.version !== undefined) {
      if (service.name !== "heroku-postgresql") {
        report(["addons", i, "version"], `${service.name} takes no version: only heroku-postgresql has one`);
      } else if (!POSTGRES_VERSIONS.includes(addon.version)) {
        report(["addons", i, "version"], `"${addon.version}" is not a Postgres version Heroku provisions (${POSTGRES_VERSIONS.join(", ")})`);
      }
    }
    if (addon.as !== undefined) {
      const earlier = attachmentNames.get(addon.as);
      if (earlier !== undefined) report(["addons", i, "as"], `"${addon.as}" is already the attachment name of addons[${earlier}]`);
      else attachmentNames.set(addon.as, i);
    }
    const configVar = addon.as ? `${addon.as}_URL` : service.configVar;
    if (configVar && configVar in spec.config) {
      report(["config", configVar], `"${configVar}" is set by the ${service.name} add-on (addons[${i}]): remove it from config`);
    }
    addon.attachTo.forEach((app, j) => {
      if (app === spec.app.name)
        report(["addons", i, "attachTo", j], `"${app}" is this environment's own app, which the add-on is attached to already`);
    });
  });
}

function checkDomains(spec: EnvironmentShape, report: Report): void {
  spec.domains.forEach((host, i) => {
    if (spec.domains.indexOf(host) < i) report(["domains", i], `"${host}" is listed twice`);
    if (spec.app.acm && host.startsWith("*.")) {
      report(["domains", i], `"${host}" is a wildcard domain: ACM issues no certificates for wildcard domains`);
    }
  });
}
