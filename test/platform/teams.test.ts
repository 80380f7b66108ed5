import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, ok, platform } from "./platform-harness";
import { shapeProblems } from "./api-shapes";

/**
 * Teams on the embedded platform: the account's own team, team apps owned
 * by the team, members with roles, and team app collaborators with
 * permissions, each checked against the official Platform API schema's
 * shapes (`fixtures/api-shapes.json`, reduced from heroku-go's
 * v6/schema.json as scripts/extract-api-shapes.ts reduces the others).
 */


describe("embedded platform: teams", () => {
  it("gives a new account a team it is the admin of, served in the schema's shapes", async () => {
    const p = await platform();
    // WHEN the account's teams are listed
    const teams = await ok(p, "GET", "/teams");
    // THEN there is one, the default, with the account as admin
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ name: "dynoform-team", default: true, role: "admin", type: "team" });
    expect(await ok(p, "GET", `/teams/${teams[0].id}`)).toMatchObject({ name: "dynoform-team" });
    const members = await ok(p, "GET", "/teams/dynoform-team/members");
    expect(members).toEqual([
      expect.objectContaining({ email: "developer@dynoform.local", role: "admin", user: expect.objectContaining({ email: "developer@dynoform.local" }) }),
    ]);
    // AND every record is in the schema's shape
    const app = await ok(p, "POST", "/teams/apps", { team: "dynoform-team", name: "shapes-app" });
    const collaborator = await ok(p, "POST", "/teams/apps/shapes-app/collaborators", { user: "dev@example.com", permissions: ["view", "deploy"] });
    const problems = [
      ...shapeProblems("team", teams[0]),
      ...shapeProblems("team-member", members[0]),
      ...shapeProblems("team-app", app),
      ...shapeProblems("team-app", await ok(p, "GET", "/teams/apps/shapes-app")),
      ...shapeProblems("team-app-collaborator", collaborator),
      ...shapeProblems("team-feature", (await ok(p, "GET", "/teams/dynoform-team/features"))[0]),
      ...(await ok(p, "GET", "/teams/permissions")).flatMap((x: Record<string, unknown>) => shapeProblems("team-app-permission", x)),
    ];
    expect(problems).toEqual([]);
  });

  it("answers 404 with Heroku's message for a team that does not exist", async () => {
    const p = await platform();
    const res = await api(p, "GET", "/teams/acme");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ id: "not_found", message: "Couldn't find that team." });
    expect((await api(p, "POST", "/teams/apps", { team: "acme", name: "acme-web" })).status).toBe(404);
  });

  it("creates a team app owned by the team, lists it in the team, and locks it", async () => {
    const p = await platform();
    // WHEN an app is created in the team
    const created = await api(p, "POST", "/teams/apps", { team: "dynoform-team", name: "team-web", region: "eu" });
    expect(created.status).toBe(201);
    const app = await created.json();
    // THEN the team owns it, as Heroku answers a team's app, and /apps names its team and organization
    expect(app).toMatchObject({
      name: "team-web",
      owner: { email: "dynoform-team@herokumanager.com" },
      team: { name: "dynoform-team" },
      locked: false,
      region: { name: "eu" },
    });
    expect(await ok(p, "GET", "/apps/team-web")).toMatchObject({ team: { name: "dynoform-team" }, organization: { name: "dynoform-team" } });
    // AND the team lists it, and a personal app is not a team app
    await ok(p, "POST", "/apps", { name: "mine" });
    expect((await ok(p, "GET", "/teams/dynoform-team/apps")).map((a: { name: string }) => a.name)).toEqual(["team-web"]);
    expect((await api(p, "GET", "/teams/apps/mine")).status).toBe(404);
    // AND locking it is seen on /teams/apps
    expect(await ok(p, "PATCH", "/teams/apps/team-web", { locked: true })).toMatchObject({ locked: true });
    expect(await ok(p, "GET", `/teams/apps/${app.id}`)).toMatchObject({ locked: true });
    // AND a create without a team makes a personal app
    expect((await ok(p, "POST", "/teams/apps", { name: "solo" })).owner.email).toBe("developer@dynoform.local");
    // AND deleting the team app leaves the team without it
    await ok(p, "DELETE", "/apps/team-web");
    expect(await ok(p, "GET", "/teams/dynoform-team/apps")).toEqual([]);
  });

  it("adds, changes and removes members with roles; refuses a role the API does not take", async () => {
    const p = await platform();
    // WHEN a member is put, then its role changed
    expect(await ok(p, "PUT", "/teams/dynoform-team/members", { email: "ann@example.com", role: "member" })).toMatchObject({
      email: "ann@example.com",
      role: "member",
      federated: false,
    });
    await ok(p, "PATCH", "/teams/dynoform-team/members", { email: "ann@example.com", role: "viewer" });
    // THEN the team lists the account and the member (in the order of their ids, as lists page)
    const members = await ok(p, "GET", "/teams/dynoform-team/members");
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual([
      ["ann@example.com", "viewer"],
      ["developer@dynoform.local", "admin"],
    ]);
    // AND a POST of an existing member, a PATCH of someone who is not one, and an unknown role are refused
    expect((await api(p, "POST", "/teams/dynoform-team/members", { email: "ann@example.com", role: "member" })).status).toBe(422);
    expect((await api(p, "PATCH", "/teams/dynoform-team/members", { email: "bob@example.com", role: "member" })).status).toBe(404);
    const badRole = await api(p, "PUT", "/teams/dynoform-team/members", { email: "bob@example.com", role: "boss" });
    expect(badRole.status).toBe(422);
    expect((await badRole.json()).id).toBe("invalid_params");
    // AND removing the member (by email) leaves the account
    await ok(p, "DELETE", "/teams/dynoform-team/members/ann%40example.com");
    expect((await ok(p, "GET", "/teams/dynoform-team/members")).map((m: { email: string }) => m.email)).toEqual(["developer@dynoform.local"]);
    expect((await api(p, "DELETE", "/teams/dynoform-team/members/ann@example.com")).status).toBe(404);
  });

  it("gives team app collaborators permissions, seen on both collaborator endpoints", async () => {
    const p = await platform();
    await ok(p, "POST", "/teams/apps", { team: "dynoform-team", name: "perm-app" });
    // WHEN a collaborator is added with deploy and view, then given operate too
    const added = await ok(p, "POST", "/teams/apps/perm-app/collaborators", { user: "dev@example.com", permissions: ["deploy", "view"], silent: true });
    expect(added.permissions.map((x: { name: string }) => x.name)).toEqual(["view", "deploy"]);
    await ok(p, "PATCH", "/teams/apps/perm-app/collaborators/dev@example.com", { permissions: ["view", "deploy", "operate"] });
    // THEN the app's collaborators (what the provider reads permissions from) show them, and no personal owner
    const info = await ok(p, "GET", `/apps/perm-app/collaborators/${added.id}`);
    expect(info.permissions.map((x: { name: string }) => x.name)).toEqual(["view", "deploy", "operate"]);
    expect((await ok(p, "GET", "/apps/perm-app/collaborators")).map((c: { user: { email: string } }) => c.user.email)).toEqual(["dev@example.com"]);
    // AND an unknown permission is refused
    expect((await api(p, "PATCH", "/teams/apps/perm-app/collaborators/dev@example.com", { permissions: ["own"] })).status).toBe(422);
    // AND removing the collaborator leaves none
    await ok(p, "DELETE", "/teams/apps/perm-app/collaborators/dev@example.com");
    expect(await ok(p, "GET", "/teams/apps/perm-app/collaborators")).toEqual([]);
    expect((await api(p, "GET", `/teams/apps/perm-app/collaborators/${added.id}`)).status).toBe(404);
  });

  it("gives a data file written before teams the account's team on start", async () => {
    // GIVEN a data file from before teams (no teams, members or team apps)
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-teams-migrate-"));
    copyFileSync(join(__dirname, "fixtures", "platform-with-names.json"), join(dataDir, "platform.json"));
    expect(JSON.parse(readFileSync(join(dataDir, "platform.json"), "utf8"))).not.toHaveProperty("teams");
    // WHEN a platform starts on it
    const p = await platform({ dataDir });
    // THEN the account has its team, and its apps stay personal
    expect((await ok(p, "GET", "/teams")).map((t: { name: string }) => t.name)).toEqual(["dynoform-team"]);
    expect(await ok(p, "GET", "/apps/shop")).toMatchObject({ team: null, organization: null });
    expect(await ok(p, "GET", "/teams/dynoform-team/apps")).toEqual([]);
  });
});
