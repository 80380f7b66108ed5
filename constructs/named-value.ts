import { notAKnownName } from "../vocabulary";

/**
 * The base of dynoform's enum-like classes (`Region.EU`, `PipelineStage.STAGING`):
 * a Heroku name out of a known list. `.of()` takes a name in any case and
 * refuses one Heroku does not offer, naming it as it was written. Internal helper.
 */
export function checkedName(kind: string, name: string, known: readonly string[]): string {
  const found = known.find((k) => k === name.toLowerCase());
  if (found === undefined) throw new Error(notAKnownName(name, kind, known));
  return found;
}

/** An enum-like value that is a Heroku name and prints as it (internal helper). */
export abstract class HerokuName {
  protected constructor(public readonly name: string) {}

  public toString(): string {
    return this.name;
  }
}
