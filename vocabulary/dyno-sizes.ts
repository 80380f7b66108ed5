/** Dyno tiers. Eco and basic are the small, single-dyno tiers; an app mixes no other tier with them. */
export type DynoTier = "eco" | "basic" | "standard" | "performance";

export interface DynoSizeInfo {
  /** Heroku's name of the size, as the formation API takes it (lowercase). */
  readonly name: string;
  readonly tier: DynoTier;
  readonly memoryMb: number;
  /** Most dynos one process type may run at this size. */
  readonly maxQuantity: number;
  /**
   * List price per dyno per month. Eco is a $5 subscription for a pool of 1,000
   * dyno hours shared by all eco dynos of the account, so it is priced per
   * account, not per dyno (see `pricedPerAccount`).
   */
  readonly monthlyUsd: number;
  readonly pricedPerAccount?: boolean;
  /** Automated Certificate Management works on every tier but eco. */
  readonly supportsAcm: boolean;
  /** Preboot and autoscaling are for standard and performance dynos. */
  readonly supportsPreboot: boolean;
}

/** Heroku's Common Runtime dyno sizes, smallest first. */
export const DYNO_SIZES: readonly DynoSizeInfo[] = [
  { name: "eco", tier: "eco", memoryMb: 512, maxQuantity: 1, monthlyUsd: 5, pricedPerAccount: true, supportsAcm: false, supportsPreboot: false },
  { name: "basic", tier: "basic", memoryMb: 512, maxQuantity: 1, monthlyUsd: 7, supportsAcm: true, supportsPreboot: false },
  { name: "standard-1x", tier: "standard", memoryMb: 512, maxQuantity: 100, monthlyUsd: 25, supportsAcm: true, supportsPreboot: true },
  { name: "standard-2x", tier: "standard", memoryMb: 1024, maxQuantity: 100, monthlyUsd: 50, supportsAcm: true, supportsPreboot: true },
  { name: "performance-m", tier: "performance", memoryMb: 2560, maxQuantity: 100, monthlyUsd: 250, supportsAcm: true, supportsPreboot: true },
  { name: "performance-l", tier: "performance", memoryMb: 14336, maxQuantity: 100, monthlyUsd: 500, supportsAcm: true, supportsPreboot: true },
  { name: "performance-l-ram", tier: "performance", memoryMb: 30720, maxQuantity: 100, monthlyUsd: 500, supportsAcm: true, supportsPreboot: true },
  { name: "performance-xl", tier: "performance", memoryMb: 63488, maxQuantity: 100, monthlyUsd: 750, supportsAcm: true, supportsPreboot: true },
  { name: "performance-2xl", tier: "performance", memoryMb: 129024, maxQuantity: 100, monthlyUsd: 1500, supportsAcm: true, supportsPreboot: true },
];

/** The size a new process type gets when none is given: Heroku's default for a personal app. */
export const DEFAULT_DYNO_SIZE = "standard-1x";

/**
 * The size of the one `web` dyno Heroku starts on a new app's first release
 * when the Procfile declares web: a personal app's default.
 */
export const FIRST_RELEASE_DYNO_SIZE = "basic";

/** Case-insensitive look-up, as the formation API accepts `Standard-1X` and `standard-1x` alike. */
export function findDynoSize(name: string): DynoSizeInfo | undefined {
  const wanted = name.toLowerCase();
  return DYNO_SIZES.find((s) => s.name === wanted);
}
