/**
 * Finding private spaces, and the regions they may be in. Clients name a
 * space by name or id (`/spaces/{space}`); an app names the space it runs in
 * by id alone, and answers carry the space's name as it is now.
 *
 * The regions are vocabulary's SPACE_REGIONS; the Common Runtime's `us` and
 * `eu` take no spaces.
 */
import { SPACE_REGIONS, type SpaceRegionInfo } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import type { AppRecord, NamedRef, PlatformData, Ref, SpaceRecord } from "./records";
import { stableId } from "./stable-id";

/** Where a space goes when its create names no region (a choice: the schema names no default). */
export const DEFAULT_SPACE_REGION = "virginia";

/** A private space region by name or id; 404 `not_found` for any other, the Common Runtime's included. */
export function findSpaceRegion(nameOrId: string): NamedRef {
  const region = SPACE_REGIONS.find((r) => r.name === nameOrId || stableId("region", r.name) === nameOrId);
  if (!region) throw ApiError.notFound("region");
  return { id: stableId("region", region.name), name: region.name };
}

/** A space region's description and AWS region (internal to the spaces' answers). */
export function spaceRegionInfo(region: NamedRef): SpaceRegionInfo {
  const info = SPACE_REGIONS.find((r) => r.name === region.name);
  if (!info) throw new Error(`a space is in region ${region.name}, which takes no spaces`);
  return info;
}

/** A space by name or id, as Heroku accepts both in `/spaces/{space}`; 404 `not_found` otherwise. */
export function findSpace(data: Readonly<PlatformData>, nameOrId: string): SpaceRecord {
  const space = data.spaces.find((s) => s.id === nameOrId || s.name === nameOrId);
  if (!space) throw ApiError.notFound("space");
  return space;
}

/** The space a record refers to; deleting a space deletes what refers to it, so a missing one is a broken invariant (internal helper). */
function spaceOf(data: Readonly<PlatformData>, ref: Ref): SpaceRecord {
  const space = data.spaces.find((s) => s.id === ref.id);
  if (!space) throw new Error(`a record refers to space ${ref.id}, which does not exist`);
  return space;
}

/** An app's space as the app answers it: `{id, name, shield}`, or null in the Common Runtime. */
export function appSpaceView(data: Readonly<PlatformData>, app: AppRecord) {
  if (!app.space) return null;
  const space = spaceOf(data, app.space);
  return { id: space.id, name: space.name, shield: space.shield };
}
