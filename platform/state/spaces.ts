/**
 * Private spaces: a team's isolated networks apps run in. A space is made
 * `allocating` and is `allocated` when its allocation is due (settle.ts), as
 * add-ons provision; only then does it have outbound IPs and a peering offer
 * (space-networking.ts). Its users' app permissions (`create_apps`) are kept
 * per team member. Deleting a space that still has apps is refused; deleting
 * one without takes its rulesets, VPN connections, peerings, permissions and
 * telemetry drains with it.
 *
 * Chosen where Heroku is silent (docs/embedded-platform.md): the default
 * region, data CIDR and messages below, the NAT addresses (from TEST-NET-3,
 * 203.0.113.0/24), and that a space is gone at once when deleted.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { DEFAULT_SPACE_GENERATION, SPACE_APP_PERMISSIONS, SPACE_DATA_CIDR_PREFIX, SPACE_GENERATIONS, SPACE_NAME_PATTERN, isPrivateBlock } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { listField, nameField, textField, type PlatformData, type SpaceRecord } from "./records";
import { parseBody } from "./request-shapes";
import { offerPeering, removeSpaceNetworking, startRuleset } from "./space-networking";
import { DEFAULT_SPACE_REGION, findSpaceRegion, spaceRegionInfo } from "./space-lookup";
import { generationRef } from "./apps";
import { findTeam, membersOf } from "./teams";
import { removeTelemetryDrainsOf } from "./telemetry-drains";

/** The schema's default CIDR; the data CIDR's default is a choice. */
const DEFAULT_CIDR = "10.0.0.0/16";
const DEFAULT_DATA_CIDR = "10.1.0.0/16";

/** `POST /spaces`: the schema's body, `name` and `team` required. */
const spaceRequest = z.object({
  name: nameField,
  team: nameField,
  region: nameField.nullish(),
  shield: z.boolean().nullish(),
  cidr: nameField.nullish(),
  data_cidr: nameField.nullish(),
  log_drain_url: textField.nullish(),
  generation: z.enum(SPACE_GENERATIONS).nullish(),
});

function checkName(data: Readonly<PlatformData>, name: string, except?: string): void {
  if (!SPACE_NAME_PATTERN.test(name)) {
    throw ApiError.invalidParams("Name must start and end with a lowercase letter or digit, and can only contain lowercase letters, digits and single dashes.");
  }
  if (data.spaces.some((s) => s.name === name && s.id !== except)) throw ApiError.invalidParams("Name is already taken");
}

/** Creates a space of a team, allocating until `allocateMs` from now. */
export function createSpace(data: PlatformData, body: unknown, allocateMs: number): SpaceRecord {
  const request = parseBody(spaceRequest, body);
  checkName(data, request.name);
  const team = findTeam(data, request.team);
  const region = findSpaceRegion(request.region ?? DEFAULT_SPACE_REGION);
  const cidr = request.cidr ?? DEFAULT_CIDR;
  // The schema's rule: a /16 in one of RFC 1918's blocks.
  if (!isPrivateBlock(cidr, { min: 16, max: 16 })) {
    throw ApiError.invalidParams("cidr must be a /16 in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.");
  }
  const dataCidr = request.data_cidr ?? DEFAULT_DATA_CIDR;
  if (!isPrivateBlock(dataCidr, SPACE_DATA_CIDR_PREFIX)) throw ApiError.invalidParams("data_cidr must be an RFC 1918 block between a /16 and a /20.");
  const generation = request.generation ?? DEFAULT_SPACE_GENERATION;
  if (generation === "fir" && request.shield) throw ApiError.invalidParams("Shield spaces are not supported for the fir generation.");
  const now = new Date();
  const space: SpaceRecord = {
    id: randomUUID(),
    name: request.name,
    team: { id: team.id },
    region,
    shield: request.shield ?? false,
    state: "allocating",
    cidr,
    data_cidr: dataCidr,
    generation: generationRef(generation),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  data.spaces.push(space);
  startRuleset(data, space);
  data.pending.spaces[space.id] = new Date(now.getTime() + allocateMs).toISOString();
  return space;
}

/** A space's allocation, when it is due: it is ready for apps, with a peering to accept. */
export function finishAllocation(data: PlatformData, space: SpaceRecord): void {
  space.state = "allocated";
  space.updated_at = new Date().toISOString();
  offerPeering(data, space);
}

/** `PATCH /spaces/{space}`: renames it. */
export function renameSpace(data: PlatformData, space: SpaceRecord, body: unknown): void {
  const { name } = parseBody(z.object({ name: nameField.nullish() }), body);
  if (name) {
    checkName(data, name, space.id);
    space.name = name;
  }
  space.updated_at = new Date().toISOString();
}

/** Deletes a space, with what hangs on it (its telemetry drains too); one with apps in it is refused. */
export function deleteSpace(data: PlatformData, space: SpaceRecord): void {
  if (data.apps.some((a) => a.space?.id === space.id)) {
    throw ApiError.invalidParams(`Space ${space.name} still has apps. Delete them before destroying the space.`);
  }
  data.spaces = data.spaces.filter((s) => s !== space);
  delete data.pending.spaces[space.id];
  removeSpaceNetworking(data, space);
  data.spaceAppAccess = data.spaceAppAccess.filter((a) => a.space.id !== space.id);
  removeTelemetryDrainsOf(data, { type: "space", id: space.id });
}

/** A space as answered: its team by name (and as the older `organization`), its region with its description. */
export function spaceView(data: Readonly<PlatformData>, space: SpaceRecord) {
  const team = findTeam(data, space.team.id);
  return {
    ...space,
    team: { id: team.id, name: team.name },
    organization: { name: team.name },
    region: { ...space.region, description: spaceRegionInfo(space.region).description },
  };
}

/** A space being deleted, as `DELETE` answers it. */
export function deletedSpaceView(data: Readonly<PlatformData>, space: SpaceRecord) {
  return { ...spaceView(data, space), state: "deleting" };
}

/** Two addresses from TEST-NET-3 (203.0.113.0/24), the same for a space every time (internal helper). */
function natSources(space: SpaceRecord): string[] {
  const digest = createHash("sha256").update(space.id).digest();
  return [`203.0.113.${1 + (digest[0] % 127)}`, `203.0.113.${128 + (digest[1] % 127)}`];
}

/** `GET /spaces/{space}/nat`: its outbound IPs once allocated; a fir space has none (the provider's feature matrix). */
export function natView(space: SpaceRecord) {
  const enabled = space.state === "allocated" && space.generation.name === "cedar";
  return {
    state: enabled ? "enabled" : space.state === "allocating" ? "updating" : "disabled",
    sources: enabled ? natSources(space) : [],
    created_at: space.created_at,
    updated_at: space.updated_at,
  };
}

/** What a space permission allows. */
const SPACE_PERMISSIONS = { create_apps: "Create apps in the space" } as const;

/** A team member's app permissions on a space, as answered (none when none were given). */
function accessView(data: Readonly<PlatformData>, space: SpaceRecord, user: { id: string; email: string }) {
  const stored = data.spaceAppAccess.find((a) => a.space.id === space.id && a.user.id === user.id);
  return {
    id: space.id,
    space: { id: space.id, name: space.name },
    user: { id: user.id, email: user.email },
    permissions: (stored?.permissions ?? []).map((name) => ({ name, description: SPACE_PERMISSIONS[name] })),
    created_at: stored?.created_at ?? space.created_at,
    updated_at: stored?.updated_at ?? space.updated_at,
  };
}

/** The space's team's members, who may be given permissions on it (internal helper). */
function spaceUsers(data: Readonly<PlatformData>, space: SpaceRecord) {
  return membersOf(data, findTeam(data, space.team.id)).map((m) => m.user);
}

/** `GET /spaces/{space}/members`. */
export function spaceMembers(data: Readonly<PlatformData>, space: SpaceRecord) {
  return spaceUsers(data, space).map((user) => accessView(data, space, user));
}

/** A member of the space's team by email or id; 404 for anyone else (internal helper). */
function spaceUser(data: Readonly<PlatformData>, space: SpaceRecord, key: string) {
  const user = spaceUsers(data, space).find((u) => u.id === key || u.email === key);
  if (!user) throw ApiError.notFound("user");
  return user;
}

/** `GET /spaces/{space}/members/{member}`. */
export function spaceMember(data: Readonly<PlatformData>, space: SpaceRecord, key: string) {
  return accessView(data, space, spaceUser(data, space, key));
}

/** `PATCH /spaces/{space}/members/{member}`: the member's permissions, all of them (an empty list clears them). */
export function setSpaceAccess(data: PlatformData, space: SpaceRecord, key: string, body: unknown) {
  const request = parseBody(z.object({ permissions: listField(z.object({ name: z.enum(SPACE_APP_PERMISSIONS) })) }), body);
  const user = spaceUser(data, space, key);
  const permissions = [...new Set(request.permissions.map((p) => p.name))];
  const now = new Date().toISOString();
  const stored = data.spaceAppAccess.find((a) => a.space.id === space.id && a.user.id === user.id);
  if (stored) {
    stored.permissions = permissions;
    stored.updated_at = now;
  } else {
    data.spaceAppAccess.push({ space: { id: space.id }, user: { id: user.id, email: user.email }, permissions, created_at: now, updated_at: now });
  }
  return accessView(data, space, user);
}
