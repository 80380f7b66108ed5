/** An app feature (Heroku Labs or generally available) that `heroku features:enable` turns on per app. */
export interface AppFeatureInfo {
  readonly name: string;
  /** Preboot starts new dynos before stopping old ones: only standard and performance dynos have it. */
  readonly needsPaidDynos: boolean;
}

export const APP_FEATURES: readonly AppFeatureInfo[] = [
  { name: "preboot", needsPaidDynos: true },
  { name: "runtime-dyno-metadata", needsPaidDynos: false },
  { name: "runtime-dyno-build-metadata", needsPaidDynos: false },
  { name: "log-runtime-metrics", needsPaidDynos: false },
  { name: "http-session-affinity", needsPaidDynos: false },
  { name: "nodejs-language-metrics", needsPaidDynos: false },
];

export function findAppFeature(name: string): AppFeatureInfo | undefined {
  return APP_FEATURES.find((f) => f.name === name);
}
