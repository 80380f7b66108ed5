/** Heroku's rules for app features (Dev Center, *Preboot*). */
import { APP_FEATURES, findAppFeature, findDynoSize, notAKnownName } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

/** Features exist, each is listed once, and those that need standard or performance dynos get them. */
export function featureProblems(app: AppFacts): Problem[] {
  const unpaid = Object.entries(app.formation).find(([, p]) => p.size !== undefined && findDynoSize(p.size)?.supportsPreboot === false);
  return app.features.flatMap((feature, i): Problem[] => {
    if (feature === undefined) return [];
    const info = findAppFeature(feature);
    if (!info) return [{ path: ["app", "features", i], message: notAKnownName(feature, "an app feature", APP_FEATURES.map((f) => f.name)) }];
    if (app.features.indexOf(feature) < i) return [{ path: ["app", "features", i], message: `"${feature}" is listed twice` }];
    if (info.needsPaidDynos && unpaid) {
      return [{ path: ["app", "features", i], message: `"${feature}" needs standard or performance dynos (formation.${unpaid[0]}.size is "${unpaid[1].size}")` }];
    }
    return [];
  });
}
