import { describe, expect, it } from "vitest";
import { ensureEstateTeams, type LocalTarget } from "../../deploy/local-target";
import type { SynthesizedStack } from "../../deploy/secrets";
import { api, ok, platform } from "../platform/platform-harness";

/** A synthesized stack whose apps name these teams (`organization.name`), as the constructs write them. */
function stackNaming(...teams: string[]): SynthesizedStack {
  const apps = Object.fromEntries(teams.map((team, i) => [`app${i}`, { organization: { name: team } }]));
  return { name: "production", json: { resource: { heroku_app: { ...apps, personal: {} } } } };
}

describe("a rehearsal of an estate whose apps belong to teams", () => {
  it("creates the teams the estate names that the embedded platform lacks, once, and says so", async () => {
    // GIVEN a fresh platform (it has only the account's own team) and stacks naming acme twice, the account's team, and a token
    const p = await platform();
    const target: LocalTarget = { apiUrl: p.url, apiKey: p.apiKey, platformLine: "", env: {}, providerPackageDir: "" };
    const stacks = [stackNaming("acme", "dynoform-team"), stackNaming("acme", "${var.team}")];
    const said: string[] = [];
    // WHEN the deploy prepares them, twice
    await ensureEstateTeams(target, stacks, (line) => said.push(line));
    await ensureEstateTeams(target, stacks, (line) => said.push(line));
    // THEN acme exists with the account as its admin, was created once, and nothing else was made
    expect(said).toEqual(["created team acme on the embedded platform (the account is its admin)"]);
    expect((await ok(p, "GET", "/teams")).map((t: { name: string }) => t.name).sort()).toEqual(["acme", "dynoform-team"]);
    expect((await ok(p, "GET", "/teams/acme/members")).map((m: { role: string }) => m.role)).toEqual(["admin"]);
    // AND a team app can now be created in it, as the provider does
    expect((await api(p, "POST", "/teams/apps", { name: "shop-acme", team: "acme" })).status).toBe(201);
  });

  it("refuses a second team of the same name, as names are unique", async () => {
    // GIVEN a platform with a team acme
    const p = await platform();
    await ok(p, "POST", "/teams", { name: "acme" });
    // WHEN another acme is created
    const again = await api(p, "POST", "/teams", { name: "acme" });
    // THEN it is refused with Heroku's error shape
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual({ id: "invalid_params", message: "Name is already taken" });
  });
});
