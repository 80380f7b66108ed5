import { DYNO_SIZES, findDynoSize, type DynoSizeInfo, type DynoTier } from "../vocabulary";
import { checkedName } from "./named-value";

/** A dyno size. Use the constants, or `DynoSize.of()` for a size Heroku added after this release. */
export class DynoSize {
  public static readonly ECO = DynoSize.of("eco");
  public static readonly BASIC = DynoSize.of("basic");
  public static readonly STANDARD_1X = DynoSize.of("standard-1x");
  public static readonly STANDARD_2X = DynoSize.of("standard-2x");
  public static readonly PERFORMANCE_M = DynoSize.of("performance-m");
  public static readonly PERFORMANCE_L = DynoSize.of("performance-l");
  public static readonly PERFORMANCE_L_RAM = DynoSize.of("performance-l-ram");
  public static readonly PERFORMANCE_XL = DynoSize.of("performance-xl");
  public static readonly PERFORMANCE_2XL = DynoSize.of("performance-2xl");

  /**
   * A size by Heroku's name (case-insensitive).
   * @throws when the name is not a size Heroku offers
   */
  public static of(name: string): DynoSize {
    const info = findDynoSize(name);
    checkedName("a dyno size", name.toLowerCase(), DYNO_SIZES.map((s) => s.name), false);
    return new DynoSize(info as DynoSizeInfo);
  }

  private constructor(private readonly info: DynoSizeInfo) {}

  /** Heroku's name, as the formation API takes it. */
  public get name(): string {
    return this.info.name;
  }

  public get tier(): DynoTier {
    return this.info.tier;
  }

  /** Most dynos of one process type at this size. */
  public get maxQuantity(): number {
    return this.info.maxQuantity;
  }

  /** Eco and basic: small single-dyno tiers that an app never mixes with others. */
  public get isSmallTier(): boolean {
    return this.info.tier === "eco" || this.info.tier === "basic";
  }

  public get supportsAcm(): boolean {
    return this.info.supportsAcm;
  }

  public toString(): string {
    return this.info.name;
  }
}
