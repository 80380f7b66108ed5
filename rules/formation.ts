/** Heroku's rules for an app's formation (Dev Center, *Dyno Types* and *Scaling*). */
import { DYNO_SIZES, FIRST_RELEASE_DYNO_SIZE, didYouMean, findDynoSize, notAKnownName, type DynoSizeInfo } from "../vocabulary";
import type { AppFacts, ProcessFacts } from "./app-facts";
import type { Problem } from "./problem";

/** Eco and basic are single-dyno tiers: an app that runs one of them runs it for every process type. */
const isSmallTier = (size: DynoSizeInfo) => size.tier === "eco" || size.tier === "basic";

/** Sizes, quantities, the release phase, and no eco or basic next to another tier. */
export function formationProblems(app: AppFacts): Problem[] {
  const problems: Problem[] = [];
  const sized: Array<[type: string, size: DynoSizeInfo]> = [];
  for (const [type, process] of Object.entries(app.formation)) {
    if (type === "release") {
      problems.push({ path: ["formation", "release"], message: `"release" is the release phase: Heroku runs it once per deploy and never scales it` });
    }
    const size = process.size === undefined ? undefined : findDynoSize(process.size);
    if (process.size !== undefined && !size) {
      problems.push({ path: ["formation", type, "size"], message: notAKnownName(process.size, "a dyno size", DYNO_SIZES.map((s) => s.name)) });
    }
    problems.push(...quantityProblems(type, process, size));
    if (size) sized.push([type, size]);
  }
  const [first, ...others] = sized;
  for (const [type, size] of others) {
    if (size.tier !== first[1].tier && (isSmallTier(size) || isSmallTier(first[1]))) {
      problems.push({
        path: ["formation", type, "size"],
        message: `"${app.formation[type].size}" cannot run next to ${first[1].name} dynos (formation.${first[0]}): an app with eco or basic dynos uses that tier for every process type`,
      });
    }
  }
  return problems;
}

/** What is wrong with a quantity that is not a number of dynos, if anything. */
export function notADynoCount(quantity: number): string | undefined {
  if (quantity < 0) return `${quantity} is not a number of dynos: it cannot be negative`;
  if (!Number.isInteger(quantity)) return `expected a whole number, got ${quantity}`;
  return undefined;
}

function quantityProblems(type: string, { quantity }: ProcessFacts, size: DynoSizeInfo | undefined): Problem[] {
  const path = ["formation", type, "quantity"];
  if (quantity === undefined) return [];
  const notACount = notADynoCount(quantity);
  if (notACount) return [{ path, message: notACount }];
  if (size && quantity > size.maxQuantity) {
    const why = size.maxQuantity === 1 ? `${size.name} runs at most 1 dyno per process type` : `at most ${size.maxQuantity} per process type`;
    return [{ path, message: `${quantity} is too many ${size.name} dynos: ${why}` }];
  }
  return [];
}

/** Heroku scales only process types the release declares ("Couldn't find that process type"). */
export function procfileProblems(app: AppFacts): Problem[] {
  const { procfile } = app;
  if (!procfile) return [];
  return Object.keys(app.formation)
    .filter((type) => type !== "release" && !procfile.types.includes(type))
    .map((type) => ({
      path: ["formation", type],
      message: `"${type}" is not a process type of ${procfile.file}${didYouMean(type, procfile.types)}: Heroku cannot scale it`,
    }));
}

/**
 * `web` in the Procfile but not in the formation: Heroku scales web to one
 * dyno on the first release, so the app runs (and bills) a dyno that no code
 * declares. Scaling web to 0 in the formation says it should not run.
 */
export function undeclaredWeb(app: Pick<AppFacts, "formation" | "procfile">): Required<ProcessFacts> | undefined {
  if (!app.procfile?.types.includes("web") || "web" in app.formation) return undefined;
  return { size: FIRST_RELEASE_DYNO_SIZE, quantity: 1 };
}
