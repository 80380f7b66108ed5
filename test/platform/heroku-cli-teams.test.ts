import { describe, expect, it } from "vitest";
import { herokuCliOnPlatform } from "./heroku-cli-harness";

/**
 * The official heroku CLI (pinned in test/heroku-cli) on teams: the account's
 * team, its members, an app created in it, and a collaborator given
 * permissions, asserting on what the CLI prints.
 */
const cli = herokuCliOnPlatform();
const heroku = cli.heroku;

describe("the official heroku CLI on teams", () => {
  it("teams lists the account's team, with its role", async () => {
    expect(await heroku("teams")).toMatch(/dynoform-team\s+admin/);
  }, 60_000);

  it("members:add adds a member with a role, and members lists it beside the account", async () => {
    await heroku("members:add", "ann@example.com", "--team", "dynoform-team", "--role", "member");
    const members = await heroku("members", "--team", "dynoform-team");
    expect(members).toMatch(/ann@example\.com\s+member/);
    expect(members).toMatch(/developer@dynoform\.local\s+admin/);
    expect(await heroku("members", "--team", "dynoform-team", "--role", "member")).not.toContain("developer@dynoform.local");
  }, 60_000);

  it("apps:create --team makes a team app, and apps --team lists it", async () => {
    expect(await heroku("apps:create", "team-cli", "--team", "dynoform-team")).toContain("https://team-cli.herokuapp.com/");
    const apps = await heroku("apps", "--team", "dynoform-team");
    expect(apps).toContain("=== Apps in team dynoform-team");
    expect(apps).toContain("team-cli");
    expect(await heroku("apps:info", "-a", "team-cli")).toMatch(/Owner:\s+dynoform-team@herokumanager\.com/);
  }, 60_000);

  it("access:add --permissions gives a team app collaborator those permissions and view, shown by access", async () => {
    await heroku("access:add", "dev@example.com", "-a", "team-cli", "--permissions", "deploy,operate");
    const access = await heroku("access", "-a", "team-cli");
    expect(access).toMatch(/dev@example\.com\s+collaborator\s+deploy, operate, view/);
    // The team's admins are listed with every permission
    expect(access).toMatch(/developer@dynoform\.local\s+admin\s+deploy, manage, operate, view/);
  }, 60_000);

  it("apps --team names a team that does not exist with Heroku's message", async () => {
    await expect(heroku("apps", "--team", "acme")).rejects.toThrow(/Couldn't find that team/);
  }, 60_000);
});
