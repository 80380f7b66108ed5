/** Teams: who may do what, in Heroku's words. */

/** The roles a team member is given, from the Platform API schema (`team-member` create and update: `team_role`). */
export const TEAM_ROLES = ["admin", "member", "viewer"] as const;

/**
 * The roles a team's member list can show: those a member is given, and the
 * read-only `collaborator` (a team app's collaborator who is not a member)
 * and `owner` (the schema's `team` `role`). In heroku/heroku's order
 * (`heroku_team_members` `roles`).
 */
export const TEAM_MEMBER_ROLES = [...TEAM_ROLES, "collaborator", "owner"] as const;

/**
 * The permissions a collaborator of a team app is given
 * (heroku/heroku's `heroku_team_collaborator`: any of view, deploy, operate,
 * manage; at least one). Personal apps have none: their collaborators are
 * `heroku_collaborator`, which takes no permissions.
 */
export const TEAM_APP_PERMISSIONS = ["view", "deploy", "operate", "manage"] as const;
