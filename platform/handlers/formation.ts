/**
 * The formation: how many dynos of which size run each process type, and
 * the dynos that result. Only process types the current release declares
 * can be scaled, to sizes that exist, within each size's dyno count.
 * (Mixing eco or basic with other tiers is refused when an environment file
 * is checked, not here: Terraform scales process types one by one, in any
 * order, so an app passes through mixed states while it changes tier.)
 */
import { randomUUID } from "node:crypto";
import { DYNO_SIZES, findDynoSize } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, FormationRecord, PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { stableId } from "../stable-id";
import { findApp, recordsOfApp } from "./apps";

/** The size a process type gets when a release first declares it. */
const INITIAL_SIZE = "basic";

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
      app: { id: app.id, name: app.name },
      type,
      command,
      quantity: type === "web" ? 1 : 0,
      ...sized(INITIAL_SIZE),
      created_at: now,
      updated_at: now,
    });
  }
}

/** A size as a formation carries it: the name, and the same as Heroku's `dyno_size` object (internal helper). */
export function sized(name: string): Pick<FormationRecord, "size" | "dyno_size"> {
  return { size: name, dyno_size: { id: stableId("dyno-size", name), name } };
}

function findFormation(data: Readonly<PlatformData>, app: AppRecord, typeOrId: string): FormationRecord {
  const found = data.formation.find((f) => f.app.id === app.id && (f.type === typeOrId || f.id === typeOrId));
  if (!found) throw new ApiError(404, "not_found", `Couldn't find that process type (${typeOrId}).`);
  return found;
}

/** One change of one process type, checked against Heroku's rules (internal helper). */
function scale(data: PlatformData, app: AppRecord, type: string, update: Record<string, unknown>): FormationRecord {
  const formation = findFormation(data, app, type);
  // The CLI sends `size`; heroku-go v6 sends `dyno_size: {name}` (or its id).
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

export function formationRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/formation", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "formation")) }));
  router.add("GET", "/apps/{app}/formation/{type}", ({ params }) => ({
    body: store.read((d) => findFormation(d, findApp(d, params.app), params.type)),
  }));
  router.add("PATCH", "/apps/{app}/formation/{type}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      return { body: scale(data, app, params.type, body) };
    }),
  );
  router.add("PATCH", "/apps/{app}/formation", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const updates = Array.isArray(body.updates) ? (body.updates as unknown[]) : [];
      if (updates.length === 0) throw ApiError.invalidParams("updates is required");
      if (updates.some((u) => typeof u !== "object" || u === null || Array.isArray(u))) throw ApiError.invalidParams("updates must be objects: [{\"type\": \"web\", \"quantity\": 1}]");
      return { body: (updates as Record<string, unknown>[]).map((u) => scale(data, app, String(u.type ?? ""), u)) };
    }),
  );
  router.add("GET", "/apps/{app}/dynos", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      const release = (d.releases[app.id] ?? []).find((r) => r.current);
      return d.formation
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
            app: { id: app.id, name: app.name },
            release: release ? { id: release.id, version: release.version } : null,
            created_at: f.updated_at,
            updated_at: f.updated_at,
          })),
        );
    }),
  }));
}
