/** An app's collaborators; the account that owns the app is listed first, as its owner. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { appRef, findOf, withAppName } from "./app-lookup";
import { nameField, type AppRecord, type CollaboratorRecord, type PlatformData } from "./records";
import { parseBody } from "./request-shapes";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A collaborator by id or email. */
export function findCollaborator(data: Readonly<PlatformData>, app: AppRecord, key: string): CollaboratorRecord {
  return findOf(data.collaborators, app, key, "collaborator", (c) => c.user.email === key);
}

/** The app's collaborators as answered, its owner first. */
export function collaboratorsOf(data: Readonly<PlatformData>, app: AppRecord) {
  const owner = {
    id: data.account.id,
    app: appRef(data, app),
    user: { id: data.account.id, email: data.account.email, federated: false },
    role: "owner",
    permissions: [],
    created_at: app.created_at,
    updated_at: app.created_at,
  };
  return [owner, ...data.collaborators.filter((c) => c.app.id === app.id).map((c) => withAppName(data, c))];
}

/** What a client sends: the user to add, by e-mail. */
const collaboratorRequest = z.object({ user: nameField.default("") });

export function addCollaborator(data: PlatformData, app: AppRecord, body: Readonly<Record<string, unknown>>): CollaboratorRecord {
  const email = parseBody(collaboratorRequest, body).user;
  if (!EMAIL.test(email)) throw ApiError.invalidParams(`${email || "(empty)"} is not a valid email address.`);
  if (email === data.account.email || data.collaborators.some((c) => c.app.id === app.id && c.user.email === email)) {
    throw ApiError.invalidParams(`${email} is already a collaborator on ${app.name}.`);
  }
  const now = new Date().toISOString();
  const collaborator: CollaboratorRecord = {
    id: randomUUID(),
    app: { id: app.id },
    user: { id: randomUUID(), email, federated: false },
    role: "collaborator",
    permissions: [],
    created_at: now,
    updated_at: now,
  };
  data.collaborators.push(collaborator);
  return collaborator;
}

export function removeCollaborator(data: PlatformData, collaborator: CollaboratorRecord): void {
  data.collaborators = data.collaborators.filter((c) => c.id !== collaborator.id);
}
