/**
 * Teams: the account belongs to one from the start, as its admin; teams have
 * members with roles, and apps they own. A team app is an app whose owner is
 * the team (Heroku answers it as `<team>@herokumanager.com`, which the CLI
 * reads back as the team's name), with `team` and `organization` naming it.
 * Its collaborators carry permissions (view, deploy, operate, manage).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { TEAM_APP_PERMISSIONS, TEAM_ROLES } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { findApp } from "./app-lookup";
import { appView, createApp, firStack } from "./apps";
import { addCollaborator, checkEmail, collaboratorView, findCollaborator, PERMISSION_DESCRIPTIONS } from "./collaborators";
import { listField, nameField, type AppRecord, type CollaboratorRecord, type PlatformData, type TeamMemberRecord, type TeamRecord } from "./records";
import { parseBody } from "./request-shapes";
import { findSpace, findSpaceRegion } from "./space-lookup";
import { stableId } from "./stable-id";

/** The name of the team a new account belongs to. */
export const ACCOUNT_TEAM_NAME = "dynoform-team";

/** The team a new account (or an account from before teams) belongs to. */
export function accountTeam(now: string): TeamRecord {
  return newTeam(ACCOUNT_TEAM_NAME, now, true);
}

/** A team record, the account its admin (internal helper). */
function newTeam(name: string, now: string, isDefault: boolean): TeamRecord {
  return {
    id: randomUUID(),
    name,
    default: isDefault,
    membership_limit: null,
    provisioned_licenses: false,
    type: "team",
    created_at: now,
    updated_at: now,
  };
}

/** A team by name or id, as Heroku accepts both in `/teams/{team}`; 404 `not_found` otherwise. */
export function findTeam(data: Readonly<PlatformData>, idOrName: string): TeamRecord {
  const team = data.teams.find((t) => t.id === idOrName || t.name === idOrName);
  if (!team) throw ApiError.notFound("team");
  return team;
}

/** `POST /teams`: only `name` is required (the schema's billing fields are not kept); names are unique. */
const teamRequest = z.object({ name: nameField.min(1) });

/** Creates a team of the account, as the Dashboard or `POST /teams` does; the account is its admin. */
export function createTeam(data: PlatformData, body: unknown): TeamRecord {
  const { name } = parseBody(teamRequest, body);
  if (data.teams.some((t) => t.name === name)) throw ApiError.invalidParams("Name is already taken");
  const team = newTeam(name, new Date().toISOString(), false);
  data.teams.push(team);
  return team;
}

/** A team as answered to the account: its role in it is admin. */
export function teamView(team: TeamRecord) {
  return { ...team, role: "admin", credit_card_collections: false, enterprise_account: null, identity_provider: null };
}

/** The account as a member of a team: every team's admin (internal helper). */
function accountMember(data: Readonly<PlatformData>, team: TeamRecord) {
  const { account } = data;
  return {
    id: stableId("team-member", `${team.id}:${account.id}`),
    email: account.email,
    role: "admin",
    federated: false,
    two_factor_authentication: false,
    identity_provider: null,
    user: { id: account.id, email: account.email, name: account.name },
    created_at: team.created_at,
    updated_at: team.created_at,
  };
}

function memberView(member: TeamMemberRecord) {
  return {
    id: member.id,
    email: member.user.email,
    role: member.role,
    federated: member.federated,
    two_factor_authentication: false,
    identity_provider: null,
    user: { id: member.user.id, email: member.user.email, name: null },
    created_at: member.created_at,
    updated_at: member.updated_at,
  };
}

/** A team's members as answered: the account and those added (lists are paged in the order of their ids). */
export function membersOf(data: Readonly<PlatformData>, team: TeamRecord) {
  const added = data.teamMembers.filter((m) => m.team.id === team.id).sort((a, b) => a.user.email.localeCompare(b.user.email));
  return [accountMember(data, team), ...added.map(memberView)];
}

/** `PUT`/`POST`/`PATCH /teams/{team}/members`: the schema's body, `email` and `role` (its `team_role`) required. */
const memberRequest = z.object({
  email: nameField,
  role: z.enum(TEAM_ROLES),
  federated: z.boolean().nullish(),
});

/**
 * Adds a member or changes one's role (`mode`: PUT does either, POST only
 * adds, PATCH only changes). The account's own membership is not changed.
 */
export function setMember(data: PlatformData, team: TeamRecord, body: unknown, mode: "create" | "update" | "either") {
  const request = parseBody(memberRequest, body);
  checkEmail(request.email);
  if (request.email === data.account.email) return accountMember(data, team);
  const now = new Date().toISOString();
  let member = data.teamMembers.find((m) => m.team.id === team.id && m.user.email === request.email);
  if (member && mode === "create") throw ApiError.invalidParams(`${request.email} is already a member of ${team.name}.`);
  if (!member && mode === "update") throw ApiError.notFound("team member");
  if (member) {
    member.role = request.role;
    if (typeof request.federated === "boolean") member.federated = request.federated;
    member.updated_at = now;
  } else {
    member = {
      id: randomUUID(),
      team: { id: team.id },
      user: { id: randomUUID(), email: request.email },
      role: request.role,
      federated: request.federated ?? false,
      created_at: now,
      updated_at: now,
    };
    data.teamMembers.push(member);
  }
  return memberView(member);
}

/** Removes a member, by email or id; the account cannot leave its team here. */
export function removeMember(data: PlatformData, team: TeamRecord, key: string) {
  const member = data.teamMembers.find((m) => m.team.id === team.id && (m.id === key || m.user.email === key));
  if (!member) throw ApiError.notFound("team member");
  data.teamMembers = data.teamMembers.filter((m) => m !== member);
  // Their access to the team's spaces goes with them.
  data.spaceAppAccess = data.spaceAppAccess.filter((a) => a.user.id !== member.user.id);
  return memberView(member);
}

/** The features a team has: fine-grained app permissions, which the CLI looks for before sending them. */
export function teamFeatures(team: TeamRecord) {
  return [
    {
      id: stableId("team-feature", "org-access-controls"),
      name: "org-access-controls",
      display_name: "App access controls",
      description: "Gives team app collaborators the view, deploy, operate and manage permissions.",
      doc_url: "https://devcenter.heroku.com/articles/app-permissions",
      feedback_email: "",
      state: "general",
      enabled: true,
      created_at: team.created_at,
      updated_at: team.created_at,
    },
  ];
}

type TeamPermission = (typeof TEAM_APP_PERMISSIONS)[number];

/** `GET /teams/permissions`: each permission with what it allows. */
export function permissionsView() {
  return TEAM_APP_PERMISSIONS.map((name) => ({ name, description: PERMISSION_DESCRIPTIONS[name] }));
}

/** Whether an app is a team's: the team that owns it, or undefined for a personal app. */
export function teamOfApp(data: Readonly<PlatformData>, app: AppRecord): TeamRecord | undefined {
  const entry = data.teamApps.find((t) => t.app.id === app.id);
  return entry && data.teams.find((t) => t.id === entry.team.id);
}

/** A team's app by name or id; a personal app is not found here, as on Heroku. */
export function findTeamApp(data: Readonly<PlatformData>, nameOrId: string): AppRecord {
  const app = findApp(data, nameOrId);
  if (!teamOfApp(data, app)) throw ApiError.notFound("app");
  return app;
}

/** A team app as answered on `/teams/apps`: the app, its team, whether it is locked. */
export function teamAppView(data: Readonly<PlatformData>, app: AppRecord) {
  const entry = data.teamApps.find((t) => t.app.id === app.id);
  const { organization: _organization, ...view } = appView(data, app);
  return { ...view, locked: entry?.locked ?? false, joined: false };
}

/** `POST /teams/apps`: the schema's body (all optional); `space` names a private space. */
const teamAppRequest = z.object({
  name: nameField.nullish(),
  team: nameField.nullish(),
  personal: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  region: nameField.nullish(),
  space: nameField.nullish(),
  stack: nameField.nullish(),
  internal_routing: z.boolean().nullish(),
});

/**
 * Creates an app in a team (`team`), or a personal one when no team is
 * named. An app in a space is its team's, in its region, once the space is
 * allocated (chosen where Heroku is silent: anything else is refused).
 */
export function createTeamApp(data: PlatformData, body: unknown): AppRecord {
  const request = parseBody(teamAppRequest, body);
  const space = request.space ? findSpace(data, request.space) : undefined;
  const team = request.team ? findTeam(data, request.team) : space && findTeam(data, space.team.id);
  if (space && team?.id !== space.team.id) throw ApiError.invalidParams(`Space ${space.name} belongs to another team.`);
  if (space?.state === "allocating") throw ApiError.invalidParams(`Space ${space.name} is still allocating.`);
  if (space && request.region && findSpaceRegion(request.region).id !== space.region.id) {
    throw ApiError.invalidParams(`An app in space ${space.name} must be in its region, ${space.region.name}.`);
  }
  const app = createApp(data, { name: request.name ?? undefined, region: space ? undefined : (request.region ?? undefined), stack: request.stack ?? undefined, team });
  if (space) {
    app.region = { ...space.region };
    app.space = { id: space.id };
    app.generation = { ...space.generation };
    if (space.generation.name === "fir") [app.stack, app.build_stack] = [firStack(), firStack()];
    // Routable only inside the space when asked; Common Runtime apps have no such setting (null).
    app.internal_routing = request.internal_routing ?? false;
  }
  if (team) {
    app.owner = { id: team.id, email: `${team.name}@herokumanager.com` };
    app.organization = { id: team.id, name: team.name };
    app.team = { id: team.id, name: team.name };
    data.teamApps.push({ app: { id: app.id }, team: { id: team.id }, locked: request.locked ?? false });
  }
  return app;
}

/** `PATCH /teams/apps/{app}`: locks or unlocks it. */
export function lockTeamApp(data: PlatformData, app: AppRecord, body: unknown): void {
  const { locked } = parseBody(z.object({ locked: z.boolean() }), body);
  const entry = data.teamApps.find((t) => t.app.id === app.id);
  if (entry) entry.locked = locked;
  app.updated_at = new Date().toISOString();
}

/** The apps a team owns. */
export function teamApps(data: Readonly<PlatformData>, team: TeamRecord): AppRecord[] {
  const ids = new Set(data.teamApps.filter((t) => t.team.id === team.id).map((t) => t.app.id));
  return data.apps.filter((a) => ids.has(a.id));
}

/** Permissions as a body gives them: known names, each once, in their order. */
const permissionsField = listField(z.enum(TEAM_APP_PERMISSIONS));
function permissionList(given: readonly TeamPermission[]): TeamPermission[] {
  return TEAM_APP_PERMISSIONS.filter((p) => given.includes(p));
}

/** `POST /teams/apps/{app}/collaborators`: a user by email, with permissions. */
export function addTeamCollaborator(data: PlatformData, app: AppRecord, body: unknown): CollaboratorRecord {
  const request = parseBody(z.object({ user: nameField, permissions: permissionsField.nullish(), silent: z.boolean().nullish() }), body);
  const collaborator = addCollaborator(data, app, { user: request.user });
  collaborator.permissions = permissionList(request.permissions ?? ["view"]);
  return collaborator;
}

/** `PATCH /teams/apps/{app}/collaborators/{collaborator}`: the collaborator's permissions, all of them. */
export function updateTeamCollaborator(data: PlatformData, app: AppRecord, key: string, body: unknown): CollaboratorRecord {
  const { permissions } = parseBody(z.object({ permissions: permissionsField }), body);
  const collaborator = findCollaborator(data, app, key);
  collaborator.permissions = permissionList(permissions);
  collaborator.updated_at = new Date().toISOString();
  return collaborator;
}

/** A team app collaborator as answered. */
export function teamCollaboratorView(data: Readonly<PlatformData>, collaborator: CollaboratorRecord) {
  return collaboratorView(data, collaborator);
}
