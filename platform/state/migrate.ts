/**
 * Brings a data file an older platform wrote to the shapes this one keeps.
 * It runs on every start, before the records are checked, and changes nothing
 * in data already current. It reads the file as it comes: a record that is
 * not what it expects is left alone, for the check to name.
 *
 * Fields a record no longer keeps need nothing here: reading a record keeps
 * only the fields its shape names (records.ts). So the names older records
 * carried of the records they refer to, and the copies of what follows from
 * a name (an app's URLs, an add-on's web_url and billing entity, an
 * endpoint's hostnames), stale after a rename, are gone once read: references
 * keep their ids, and answers fill the rest in.
 */
import { generationRef } from "./apps";
import { sized } from "./formation";
import type { PlatformData } from "./records";

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The objects of a list; none when it is not one (internal helper). */
function objects(list: unknown): Loose[] {
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** `raw` in today's shapes, as far as they follow from it; `empty` is what a new platform starts with. */
export function migrate(raw: Loose, empty: PlatformData): Loose {
  // Collections added since the file was written start empty.
  const data: Loose = { ...empty, ...raw };
  if (isObject(raw.pending)) data.pending = { ...empty.pending, ...raw.pending };
  // heroku-go decodes strictly: the generation was a bare string, and formations had no `dyno_size`.
  for (const app of objects(data.apps)) if (typeof app.generation === "string") app.generation = generationRef();
  for (const formation of objects(data.formation)) {
    if (formation.dyno_size === undefined && typeof formation.size === "string") formation.dyno_size = sized(formation.size).dyno_size;
  }
  return data;
}
