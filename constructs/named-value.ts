import { didYouMean } from "../vocabulary";

/**
 * The base of dynoform's enum-like classes (`DynoSize.STANDARD_1X`,
 * `Region.EU`): a Heroku name checked against a known list, with `.of()`
 * for names Heroku adds later. Internal helper.
 */
export function checkedName(kind: string, name: string, known: readonly string[], allowUnknown: boolean): string {
  if (known.includes(name) || allowUnknown) return name;
  throw new Error(`"${name}" is not ${kind}${didYouMean(name, known)}`);
}

/** An enum-like value that is a Heroku name and prints as it (internal helper). */
export abstract class HerokuName {
  protected constructor(public readonly name: string) {}

  public toString(): string {
    return this.name;
  }
}
