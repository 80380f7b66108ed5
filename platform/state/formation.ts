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
import { appRef, withAppName } from "./app-lookup";
import { appendLog, logApiEvent } from "./app-logs";
import type { AppRecord, FormationRecord, PlatformData } from "./records";
import { currentRelease } from "./releases";
import { stableId } from "./stable-id";


/**
 * A size as Heroku answers it: the first word capitalized, the rest upper
 * case ("Basic", "Standard-1X", "Performance-L-RAM"), the spelling of the CLI's
 * price table and of the real provider's `formatSize`. Records keep the
 * lower-case name every size is looked up by; answers carry this one.
 */
export function herokuSizeName(name: string): string {
  return name
    .split("-")
    .map((word, i) => (i === 0 ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() : word.toUpperCase()))
    .join("-");
}

/** A formation as Heroku answers it: the app named, the size in Heroku's spelling (`size` and `dyno_size.name`). */
export function formationView(data: Readonly<PlatformData>, formation: FormationRecord) {
  const size = herokuSizeName(formation.size);
  return { ...withAppName(data, formation), size, dyno_size: { ...formation.dyno_size, name: size } };
}

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
    throw new ApiError(422, "cannot_update_formation", `Cannot update to more than ${size.maxQuantity} ${herokuSizeName(formation.size)} size dynos per process type.`);
  }
  formation.updated_at = new Date().toISOString();
  return formation;
}

/**
 * Writes a scaling to the app's log as Heroku's API does, once per request:
 * the whole formation, not only the types scaled (`Scale to web=2, worker=1`).
 */
export function logScale(data: Readonly<PlatformData>, app: AppRecord): void {
  const types = data.formation.filter((f) => f.app.id === app.id).sort((a, b) => a.type.localeCompare(b.type));
  logApiEvent(app.id, `Scale to ${types.map((f) => `${f.type}=${f.quantity}`).join(", ")}`, data.account.email);
}

/**
 * Restarts an app's dynos — all, a process type's, or one by name — as
 * `DELETE /apps/{app}/dynos[/{dyno}]` and `/formations/{type}` do: each
 * goes through `starting` back to `up`, in the app's log.
 */
export function restartDynos(data: Readonly<PlatformData>, app: AppRecord, target: { type?: string; dyno?: string } = {}): void {
  if (target.type !== undefined) findFormation(data, app, target.type);
  const dynos = dynosOf(data, app).filter((d) => (target.type === undefined || d.type === target.type) && (target.dyno === undefined || d.name === target.dyno || d.id === target.dyno));
  if (target.dyno !== undefined && dynos.length === 0) throw ApiError.notFound("dyno");
  for (const dyno of dynos) {
    appendLog(app.id, "heroku", dyno.name, "Restarting");
    appendLog(app.id, "heroku", dyno.name, "State changed from up to starting");
    appendLog(app.id, "heroku", dyno.name, "State changed from starting to up");
  }
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
        size: herokuSizeName(f.size),
        state: "up",
        attach_url: null,
        app: appRef(data, app),
        release: release ? { id: release.id, version: release.version } : null,
        created_at: f.updated_at,
        updated_at: f.updated_at,
      })),
    );
}
