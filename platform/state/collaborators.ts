/** An app's collaborators; the account that owns the app is listed first, as its owner. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { appRef, findOf, withAppName } from "./app-lookup";
import { nameField, type AppRecord, type CollaboratorRecord, type PlatformData } from "./records";
import { parseBody } from "./request-shapes";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Heroku's refusal of a user named by anything but an e-mail address (a collaborator's, a team member's). */
export function checkEmail(email: string): void {
  if (!EMAIL.test(email)) throw ApiError.invalidParams(`${email || "(empty)"} is not a valid email address.`);
}

/** A collaborator by id or email. */
export function findCollaborator(data: Readonly<PlatformData>, app: AppRecord, key: string): CollaboratorRecord {
  return findOf(data.collaborators, app, key, "collaborator", (c) => c.user.email === key);
}

/** Descriptions of a team app collaborator's permissions, as `GET /teams/permissions` gives them. */
export const PERMISSION_DESCRIPTIONS: Record<CollaboratorRecord["permissions"][number], string> = {
  view: "Can see the app, its config vars, logs and activity.",
  deploy: "Can deploy the app, and change its config vars and add-ons.",
  operate: "Can scale and restart the app's dynos and run commands in them.",
  manage: "Can manage the app's collaborators, rename and delete it.",
};

/** A collaborator as answered: its app named, its permissions with their descriptions. */
export function collaboratorView(data: Readonly<PlatformData>, collaborator: CollaboratorRecord) {
  return { ...withAppName(data, collaborator), permissions: collaborator.permissions.map((name) => ({ name, description: PERMISSION_DESCRIPTIONS[name] })) };
}

/** The app's collaborators as answered: a personal app's owner first; a team app's are those given access. */
export function collaboratorsOf(data: Readonly<PlatformData>, app: AppRecord) {
  const given = data.collaborators.filter((c) => c.app.id === app.id).map((c) => collaboratorView(data, c));
  if (app.team) return given;
  const owner = {
    id: data.account.id,
    app: appRef(data, app),
    user: { id: data.account.id, email: data.account.email, federated: false },
    role: "owner",
    permissions: [],
    created_at: app.created_at,
    updated_at: app.created_at,
  };
  return [owner, ...given];
}

/** What a client sends: the user to add, by e-mail. */
const collaboratorRequest = z.object({ user: nameField.default("") });

export function addCollaborator(data: PlatformData, app: AppRecord, body: Readonly<Record<string, unknown>>): CollaboratorRecord {
  const email = parseBody(collaboratorRequest, body).user;
  checkEmail(email);
  if (email === data.account.email || data.collaborators.some((c) => c.app.id === app.id && c.user.email === email)) {
    throw ApiError.invalidParams(`${email} is already a collaborator on ${app.name}.`);
  }
  const now = new Date().toISOString();
  const collaborator: CollaboratorRecord = {
    id: randomUUID(),
    app: { id: app.id },
    user: { id: randomUUID(), email, federated: false },
    role: "collaborator",
    // A team app's collaborator can at least see it; a personal app's have no permissions.
    permissions: app.team ? ["view"] : [],
    created_at: now,
    updated_at: now,
  };
  data.collaborators.push(collaborator);
  return collaborator;
}

export function removeCollaborator(data: PlatformData, collaborator: CollaboratorRecord): void {
  data.collaborators = data.collaborators.filter((c) => c.id !== collaborator.id);
}
