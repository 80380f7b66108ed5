/**
 * Teams: the account's teams, their members and features, team apps and
 * their collaborators with permissions. `/teams/apps…` and
 * `/teams/permissions` are declared before `/teams/{team}…`, which would
 * otherwise take them.
 */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { findCollaborator, removeCollaborator } from "../state/collaborators";
import type { PlatformData } from "../state/records";
import {
  addTeamCollaborator,
  createTeam,
  createTeamApp,
  findTeam,
  findTeamApp,
  lockTeamApp,
  membersOf,
  permissionsView,
  removeMember,
  setMember,
  teamAppView,
  teamApps,
  teamCollaboratorView,
  teamFeatures,
  teamOfApp,
  teamView,
  updateTeamCollaborator,
} from "../state/teams";
import { ApiError } from "../protocol/api-error";
import { appView } from "../state/apps";

export function teamRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/teams", () => ({ body: store.read((d) => d.teams.map(teamView)) }));
  router.add("POST", "/teams", ({ body }) => store.mutate((data) => ({ status: 201, body: teamView(createTeam(data, body)) })));
  router.add("GET", "/teams/permissions", () => ({ body: permissionsView() }));

  router.add("POST", "/teams/apps", ({ body }) =>
    store.mutate((data) => {
      const app = createTeamApp(data, body);
      return { status: 201, body: teamOfApp(data, app) ? teamAppView(data, app) : appView(data, app) };
    })
  );
  router.add("GET", "/teams/apps/{app}", ({ params }) => ({ body: store.read((d) => teamAppView(d, findTeamApp(d, params.app))) }));
  router.add("PATCH", "/teams/apps/{app}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findTeamApp(data, params.app);
      lockTeamApp(data, app, body);
      return { body: teamAppView(data, app) };
    })
  );
  router.add("GET", "/teams/apps/{app}/collaborators", ({ params }) => ({
    body: store.read((d) => {
      const app = findTeamApp(d, params.app);
      return d.collaborators.filter((c) => c.app.id === app.id).map((c) => teamCollaboratorView(d, c));
    }),
  }));
  router.add("POST", "/teams/apps/{app}/collaborators", ({ params, body }) =>
    store.mutate((data) => ({ status: 201, body: teamCollaboratorView(data, addTeamCollaborator(data, findTeamApp(data, params.app), body)) }))
  );
  router.add("GET", "/teams/apps/{app}/collaborators/{collaborator}", ({ params }) => ({
    body: store.read((d) => teamCollaboratorView(d, findCollaborator(d, findTeamApp(d, params.app), params.collaborator))),
  }));
  router.add("PATCH", "/teams/apps/{app}/collaborators/{collaborator}", ({ params, body }) =>
    store.mutate((data) => ({ body: teamCollaboratorView(data, updateTeamCollaborator(data, findTeamApp(data, params.app), params.collaborator, body)) }))
  );
  router.add("DELETE", "/teams/apps/{app}/collaborators/{collaborator}", ({ params }) =>
    store.mutate((data) => {
      const found = findCollaborator(data, findTeamApp(data, params.app), params.collaborator);
      removeCollaborator(data, found);
      return { body: teamCollaboratorView(data, found) };
    })
  );

  router.add("GET", "/teams/{team}", ({ params }) => ({ body: store.read((d) => teamView(findTeam(d, params.team))) }));
  router.add("GET", "/teams/{team}/apps", ({ params }) => ({
    body: store.read((d) => teamApps(d, findTeam(d, params.team)).map((a) => teamAppView(d, a))),
  }));
  router.add("GET", "/teams/{team}/features", ({ params }) => ({ body: store.read((d) => teamFeatures(findTeam(d, params.team))) }));
  router.add("GET", "/teams/{team}/features/{feature}", ({ params }) => ({
    body: store.read((d) => {
      const found = teamFeatures(findTeam(d, params.team)).find((f) => f.id === params.feature || f.name === params.feature);
      if (!found) throw ApiError.notFound("feature");
      return found;
    }),
  }));
  router.add("GET", "/teams/{team}/members", ({ params }) => ({ body: store.read((d) => membersOf(d, findTeam(d, params.team))) }));
  for (const [method, mode, status] of [
    ["PUT", "either", 200],
    ["POST", "create", 201],
    ["PATCH", "update", 200],
  ] as const) {
    router.add(method, "/teams/{team}/members", ({ params, body }) =>
      store.mutate((data) => ({ status, body: setMember(data, findTeam(data, params.team), body, mode) }))
    );
  }
  router.add("DELETE", "/teams/{team}/members/{member}", ({ params }) =>
    store.mutate((data) => ({ body: removeMember(data, findTeam(data, params.team), params.member) }))
  );
}
