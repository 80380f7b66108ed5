import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type RunningPlatform } from "../../platform";
import { HerokuClient } from "../../lib/heroku-api-client";
import { platformProviderBlock, TerraformDir } from "./terraform-harness";

/**
 * Teams through real terraform and the local provider: a team app, a
 * team member and a team collaborator made, changed in place, replaced
 * when a ForceNew attribute changes, imported by the real provider's ids,
 * and destroyed; the heroku_team and heroku_team_members data sources; and
 * each refusal with the real provider's message.
 */
let platform: RunningPlatform;
let tf: TerraformDir;
let api: HerokuClient;


/** The estate under test, with the member's role and the collaborator's permissions as given (internal helper). */
function estate(role: string, permissions: string[], memberEmail = "ann@example.com", locked?: boolean): string {
  return `${platformProviderBlock(platform.url)}
data "heroku_team" "t" {
  name = "dynoform-team"
}
resource "heroku_app" "web" {
  name   = "team-web"
  region = "us"
  organization {
    name = data.heroku_team.t.name${locked === undefined ? "" : `\n    locked = ${locked}`}
  }
}
resource "heroku_team_member" "ann" {
  team  = data.heroku_team.t.name
  email = "${memberEmail}"
  role  = "${role}"
}
resource "heroku_team_collaborator" "dev" {
  app_id      = heroku_app.web.id
  email       = "dev@example.com"
  permissions = ${JSON.stringify(permissions)}
}
data "heroku_team_members" "staff" {
  team       = data.heroku_team.t.name
  roles      = ["admin", "member"]
  depends_on = [heroku_team_member.ann]
}
output "team_type" {
  value = data.heroku_team.t.type
}
output "team_default" {
  value = data.heroku_team.t.default
}
output "staff" {
  value = sort([for m in data.heroku_team_members.staff.members : "\${m.email}=\${m.role}"])
}
`;
}

beforeAll(async () => {
  platform = await startPlatform({
    dataDir: mkdtempSync(join(tmpdir(), "dynoform-teams-")),
    port: 0,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 },
  });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  tf = new TerraformDir({ HEROKU_API_KEY: platform.apiKey });
  tf.write(estate("member", ["view", "deploy"]));
  const init = await tf.run("init");
  if (init.code !== 0) throw new Error(init.output);
}, 120_000);
afterAll(() => platform?.close());

/** The permission names of the collaborator on the team app (internal helper). */
async function permissionsOf(email: string): Promise<string[]> {
  const c = await api.get<{ permissions: { name: string }[] }>(`/apps/team-web/collaborators/${encodeURIComponent(email)}`);
  return c.permissions.map((p) => p.name).sort();
}

describe("the local provider: teams", () => {
  it("creates a team app, a member and a collaborator with permissions, then plans nothing", async () => {
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 3 added, 0 changed, 0 destroyed/);
    // THEN the app is the team's, made through /teams/apps
    expect(await api.get<any>("/teams/apps/team-web")).toMatchObject({
      team: { name: "dynoform-team" },
      owner: { email: "dynoform-team@herokumanager.com" },
      locked: false,
    });
    // AND the member and the collaborator are there, and the data sources read the team and its staff
    const members = await api.get<{ email: string; role: string }[]>("/teams/dynoform-team/members");
    expect(members.find((m) => m.email === "ann@example.com")?.role).toBe("member");
    expect(await permissionsOf("dev@example.com")).toEqual(["deploy", "view"]);
    expect(applied.output).toMatch(/team_default = true/);
    expect(applied.output).toMatch(/team_type = "team"/);
    expect(applied.output).toMatch(/"ann@example.com=member",\s+"developer@dynoform.local=admin",/);
    // AND a second plan has nothing to do
    const again = await tf.run("plan", "-detailed-exitcode");
    expect(again.code, again.output).toBe(0);
  }, 180_000);

  it("changes a member's role and a collaborator's permissions in place", async () => {
    tf.write(estate("admin", ["view", "deploy", "operate"]));
    const plan = await tf.run("plan", "-no-color");
    expect(plan.output).toMatch(/Plan: 0 to add, 2 to change, 0 to destroy/);
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    const members = await api.get<{ email: string; role: string }[]>("/teams/dynoform-team/members");
    expect(members.find((m) => m.email === "ann@example.com")?.role).toBe("admin");
    expect(await permissionsOf("dev@example.com")).toEqual(["deploy", "operate", "view"]);
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);
  }, 180_000);

  it("replaces a member whose email changes (team and email force a new one)", async () => {
    tf.write(estate("admin", ["view", "deploy", "operate"], "bea@example.com"));
    const plan = await tf.run("plan");
    expect(plan.output).toMatch(/# heroku_team_member\.ann must be replaced/);
    expect(plan.output).toMatch(/~ email\s+= "ann@example.com" -> "bea@example.com" # forces replacement/);
    tf.write(estate("admin", ["view", "deploy", "operate"]));
  }, 120_000);

  it("locks the team app in place through /teams/apps", async () => {
    tf.write(estate("admin", ["view", "deploy", "operate"], "ann@example.com", true));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 0 added, 1 changed, 0 destroyed/);
    expect(await api.get<any>("/teams/apps/team-web")).toMatchObject({ locked: true });
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);
  }, 180_000);

  it("imports a member by <team>:<email> and a collaborator by <app>:<email>, then plans nothing", async () => {
    // GIVEN both forgotten by Terraform
    expect((await tf.run("state", "rm", "heroku_team_member.ann", "heroku_team_collaborator.dev")).code).toBe(0);
    // WHEN they are imported by the real provider's ids
    const member = await tf.run("import", "heroku_team_member.ann", "dynoform-team:ann@example.com");
    expect(member.code, member.output).toBe(0);
    const collaborator = await tf.run("import", "heroku_team_collaborator.dev", "team-web:dev@example.com");
    expect(collaborator.code, collaborator.output).toBe(0);
    // THEN the state matches the configuration
    const plan = await tf.run("plan", "-detailed-exitcode");
    expect(plan.code, plan.output).toBe(0);
    const shown = await tf.run("state", "show", "heroku_team_collaborator.dev");
    expect(shown.output).toMatch(/"operate"/);
  }, 180_000);

  it("refuses an import id without a colon with the real provider's message", async () => {
    expect((await tf.run("state", "rm", "heroku_team_member.ann")).code).toBe(0);
    const bad = await tf.run("import", "heroku_team_member.ann", "dynoform-team");
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain("error: Import composite ID requires two parts separated by colon, eg x:y");
    expect((await tf.run("import", "heroku_team_member.ann", "dynoform-team:ann@example.com")).code).toBe(0);
  }, 120_000);

  it("refuses configurations the real provider refuses, with its messages", async () => {
    try {
      await refusals();
    } finally {
      tf.write(estate("admin", ["view", "deploy", "operate"]));
    }
  }, 180_000);

  it("reports a member removed outside Terraform as the real provider does", async () => {
    await api.delete("/teams/dynoform-team/members/ann%40example.com");
    const plan = await tf.run("plan");
    expect(plan.code).not.toBe(0);
    expect(plan.output).toContain("Could not find member record for ann@example.com on team dynoform-team");
    // The member back, so that the estate can be destroyed
    await api.put("/teams/dynoform-team/members", {
      email: "ann@example.com",
      role: "admin",
    });
  }, 120_000);

  it("destroys the team app, the member and the collaborator", async () => {
    const destroyed = await tf.run("destroy", "-auto-approve");
    expect(destroyed.code, destroyed.output).toBe(0);
    expect(await api.get("/teams/dynoform-team/apps")).toEqual([]);
    const members = await api.get<{ email: string }[]>("/teams/dynoform-team/members");
    expect(members.map((m) => m.email)).toEqual(["developer@dynoform.local"]);
  }, 180_000);
});

/** Each configuration the real provider refuses, and its message (internal helper). */
async function refusals(): Promise<void> {
  tf.write(`${platformProviderBlock(platform.url)}
resource "heroku_team_collaborator" "bad_app" {
  app_id      = "team-web"
  email       = "x@example.com"
  permissions = ["view"]
}
resource "heroku_team_collaborator" "none" {
  app_id      = "01234567-89ab-cdef-0123-456789abcdef"
  email       = "y@example.com"
  permissions = []
}
resource "heroku_team_collaborator" "five" {
  app_id      = "01234567-89ab-cdef-0123-456789abcdef"
  email       = "z@example.com"
  permissions = ["view", "deploy", "operate", "manage", "own"]
}
data "heroku_team_members" "bad_role" {
  team  = "dynoform-team"
  roles = ["admin", "boss"]
}
`);
  const validated = await tf.run("validate");
  expect(validated.code).not.toBe(0);
  expect(validated.output).toContain('expected "app_id" to be a valid UUID, got team-web');
  expect(validated.output).toContain("Not enough list items");
  // (terraform wraps a diagnostic's detail at 80 columns)
  expect(validated.output).toMatch(/Attribute permissions requires 1 item minimum, but config has only 0\s+declared\./);
  expect(validated.output).toContain("Too many list items");
  expect(validated.output).toMatch(/Attribute permissions supports 4 item maximum, but config has 5\s+declared\./);
  expect(validated.output).toContain("expected roles.1 to be one of [admin member viewer collaborator owner], got boss");
  // AND a team that does not exist is Heroku's 404, and a team with no such member is the real provider's error
  tf.write(`${platformProviderBlock(platform.url)}
data "heroku_team" "missing" {
  name = "acme"
}
`);
  const missing = await tf.run("plan", "-refresh=false");
  expect(missing.code).not.toBe(0);
  expect(missing.output).toContain("Couldn't find that team.");
}
