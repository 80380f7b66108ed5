/**
 * The formation: how many dynos of which size run each process type, and
 * the dynos that result. Only process types the current release declares
 * can be scaled, to sizes that exist, within each size's dyno count.
 * (Mixing eco or basic with other tiers is refused when an environment file
 * is checked, not here: Terraform scales process types one by one, in any
 * order, so an app passes through mixed states while it changes tier.)
 */
import { randomUUID } from "node:crypto";
import { DYNO_SIZES, FIRST_RELEASE_DYNO_SIZE, findDynoSize } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { appRef } from "./app-lookup";
import type { AppRecord, FormationRecord, PlatformData } from "./records";
import { currentRelease } from "./releases";
import { stableId } from "./stable-id";


/** A size as a formation carries it: the name, and the same as Heroku's `dyno_size` object. */
export function sized(name: string): Pick<FormationRecord, "size" | "dyno_size"> {
  return { size: name, dyno_size: { id: stableId("dyno-size", name), name } };
}

/** Adds the process types a new release declares (web starts at 1 dyno, others at 0), as Heroku does. */
export function syncFormation(data: PlatformData, app: AppRecord, processTypes: Record<string, string>): void {
  const now = new Date().toISOString();
  for (const [type, command] of Object.entries(processTypes)) {
    // The release phase runs once per release; it is not a process type that scales.
    if (type === "release") continue;
    const existing = data.formation.find((f) => f.app.id === app.id && f.type === type);
    if (existing) {
      existing.command = command;
      continue;
    }
    data.formation.push({
      id: randomUUID(),
      app: { id: app.id },
      type,
      command,
      quantity: type === "web" ? 1 : 0,
      ...sized(FIRST_RELEASE_DYNO_SIZE),
      created_at: now,
      updated_at: now,
    });
  }
}

export function findFormation(data: Readonly<PlatformData>, app: AppRecord, typeOrId: string): FormationRecord {
  const found = data.formation.find((f) => f.app.id === app.id && (f.type === typeOrId || f.id === typeOrId));
  if (!found) throw new ApiError(404, "not_found", `Couldn't find that process type (${typeOrId}).`);
  return found;
}

/** One change of one process type, as the CLI (`size`) or heroku-go v6 (`dyno_size`) sends it, checked against Heroku's rules. */
export function scale(data: PlatformData, app: AppRecord, type: string, update: Record<string, unknown>): FormationRecord {
  const formation = findFormation(data, app, type);
  const dynoSize = update.dyno_size as { id?: unknown; name?: unknown } | undefined;
  const requested = update.size ?? dynoSize?.name ?? DYNO_SIZES.find((s) => stableId("dyno-size", s.name) === dynoSize?.id)?.name ?? dynoSize?.id;
  if (requested !== undefined) {
    const name = String(requested).toLowerCase();
    if (!findDynoSize(name)) throw ApiError.invalidParams(`Invalid dyno size: ${requested}`);
    Object.assign(formation, sized(name));
  }
  if (update.quantity !== undefined) {
    const raw = String(update.quantity);
    // Only a string is relative ("+1", "-2"), as with `heroku ps:scale web+1`; the number -1 is just invalid.
    const relative = typeof update.quantity === "string" && /^[+-]\d+$/.test(raw);
    // A number, or a string of digits: not "", null, true or [3], which Number() would read as 0, 0, 1 and 3.
    const given = typeof update.quantity === "number" || (typeof update.quantity === "string" && /^\d+$/.test(raw));
    const quantity = relative ? formation.quantity + Number(raw) : given ? Number(raw) : Number.NaN;
    if (!Number.isInteger(quantity) || quantity < 0) throw ApiError.invalidParams(`Invalid quantity: ${raw}`);
    formation.quantity = quantity;
  }
  const size = findDynoSize(formation.size);
  if (size && formation.quantity > size.maxQuantity) {
    const label = formation.size.charAt(0).toUpperCase() + formation.size.slice(1);
    throw new ApiError(422, "cannot_update_formation", `Cannot update to more than ${size.maxQuantity} ${label} size dynos per process type.`);
  }
  formation.updated_at = new Date().toISOString();
  return formation;
}

/** The dynos an app's formation runs, all up, on its current release. */
export function dynosOf(data: Readonly<PlatformData>, app: AppRecord) {
  const release = currentRelease(data, app);
  return data.formation
    .filter((f) => f.app.id === app.id)
    .flatMap((f) =>
      Array.from({ length: f.quantity }, (_, i) => ({
        id: `${f.id.slice(0, 24)}${String(i + 1).padStart(12, "0")}`,
        name: `${f.type}.${i + 1}`,
        type: f.type,
        command: f.command,
        size: f.size,
        state: "up",
        attach_url: null,
        app: appRef(data, app),
        release: release ? { id: release.id, version: release.version } : null,
        created_at: f.updated_at,
        updated_at: f.updated_at,
      })),
    );
}
