/**
 * App collaborators and team members (heroku/heroku's heroku_collaborator,
 * heroku_team_collaborator, heroku_team_member; the Platform API's team roles).
 */
import { TEAM_APP_PERMISSIONS, TEAM_ROLES, notAKnownName } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

/**
 * Each collaborator is listed once; permissions are known, listed once, at
 * least one, and only on a team app: a personal app's heroku_collaborator takes none.
 */
export function collaboratorProblems(app: AppFacts): Problem[] {
  const problems: Problem[] = [];
  app.collaborators.forEach(({ email, permissions }, i) => {
    if (email !== undefined && app.collaborators.findIndex((c) => c.email === email) < i) {
      problems.push({ path: ["collaborators", i, "email"], message: `"${email}" is listed twice` });
    }
    if (permissions === undefined) return;
    const path = ["collaborators", i, "permissions"];
    if (!app.team) {
      problems.push({ path, message: "permissions are for team apps: a personal app's collaborators (heroku_collaborator) take none; give app.team or leave permissions out" });
      return;
    }
    if (permissions.length === 0) problems.push({ path, message: `is empty: a team app's collaborator needs at least one of ${TEAM_APP_PERMISSIONS.join(", ")}` });
    permissions.forEach((permission, j) => {
      if (permission === undefined) return;
      if (!(TEAM_APP_PERMISSIONS as readonly string[]).includes(permission)) {
        problems.push({ path: [...path, j], message: notAKnownName(permission, "an app permission", TEAM_APP_PERMISSIONS) });
      } else if (permissions.indexOf(permission) < j) {
        problems.push({ path: [...path, j], message: `"${permission}" is listed twice` });
      }
    });
  });
  return problems;
}

export interface TeamMemberFacts {
  readonly email?: string;
  readonly role?: string;
}

/** The members of one team: each listed once, in a role Heroku has. Paths are `members[i]…`. */
export function teamMemberProblems(members: readonly TeamMemberFacts[]): Problem[] {
  return members.flatMap(({ email, role }, i): Problem[] => {
    const problems: Problem[] = [];
    if (email !== undefined && members.findIndex((m) => m.email === email) < i) {
      problems.push({ path: ["members", i, "email"], message: `"${email}" is listed twice` });
    }
    if (role !== undefined && !(TEAM_ROLES as readonly string[]).includes(role)) {
      problems.push({ path: ["members", i, "role"], message: notAKnownName(role, "a team role", TEAM_ROLES) });
    }
    return problems;
  });
}
