import { DYNO_SIZES, findDynoSize, notAKnownName, type DynoSizeInfo, type DynoTier } from "../vocabulary";

/** A dyno size of the Common Runtime. Use the constants, or `DynoSize.of()` for a size by name. */
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
   * A size by Heroku's name, in any case (`Standard-2X`, as Heroku answers it, or `standard-2x`).
   * @throws when the name is not a size Heroku offers
   */
  public static of(name: string): DynoSize {
    const info = findDynoSize(name);
    if (!info) throw new Error(notAKnownName(name, "a dyno size", DYNO_SIZES.map((s) => s.name)));
    return new DynoSize(info);
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
