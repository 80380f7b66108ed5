import { describe, expect, it } from "vitest";
import { shapeProblems } from "./api-shapes";
import { api, ok, platform } from "./platform-harness";

/**
 * Private spaces on the embedded platform: a team's spaces allocating then
 * allocated, their NAT, inbound ruleset, VPN connections, peering offer and
 * info, members' app permissions, apps made in them, and the refusals; each
 * record checked against the official schema's shapes (api-shapes.ts).
 */
/** A platform whose spaces and VPN connections settle on the next request (internal helper). */
function spacePlatform() {
  return platform({ delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 0, vpnMs: 0 } });
}

/** The error a call answers, with its status (internal helper). */
async function refused(p: { url: string; apiKey: string }, method: string, path: string, body?: unknown) {
  const res = await api(p, method, path, body);
  return { status: res.status, ...(await res.json()) };
}

describe("embedded platform: private spaces", () => {
  it("allocates a team's space, then serves it and its networking in the schema's shapes", async () => {
    // GIVEN a platform that allocates after a while
    const p = await platform({ delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 60_000, vpnMs: 0 } });
    // WHEN a space is created in the account's team
    const created = await api(p, "POST", "/spaces", { name: "shop-space", team: "dynoform-team", region: "oregon" });
    expect(created.status).toBe(201);
    const space = await created.json();
    // THEN it is allocating, with the schema's defaults, owned by the team
    expect(space).toMatchObject({
      name: "shop-space",
      state: "allocating",
      shield: false,
      cidr: "10.0.0.0/16",
      team: { name: "dynoform-team" },
      organization: { name: "dynoform-team" },
      region: { name: "oregon" },
      generation: { name: "cedar" },
    });
    // AND it has no outbound IPs yet, nor a peering to accept
    expect(await ok(p, "GET", "/spaces/shop-space/nat")).toMatchObject({ state: "updating", sources: [] });
    expect(await ok(p, "GET", "/spaces/shop-space/peerings")).toEqual([]);
    // AND an app cannot go in it yet
    expect(await refused(p, "POST", "/teams/apps", { name: "early", space: "shop-space" })).toMatchObject({ status: 422, message: "Space shop-space is still allocating." });
    expect(shapeProblems("space", space)).toEqual([]);
  });

  it("is allocated on the next request once due, by name or id, with NAT, ruleset, peering offer and info", async () => {
    const p = await spacePlatform();
    const space = await ok(p, "POST", "/spaces", { name: "data-space", team: "dynoform-team", region: "frankfurt", cidr: "172.20.0.0/16" });
    // WHEN it is read again, by id
    const got = await ok(p, "GET", `/spaces/${space.id}`);
    // THEN it is allocated, listed, and has two outbound IPs
    expect(got.state).toBe("allocated");
    expect((await ok(p, "GET", "/spaces")).map((s: { name: string }) => s.name)).toEqual(["data-space"]);
    const nat = await ok(p, "GET", "/spaces/data-space/nat");
    expect(nat.state).toBe("enabled");
    expect(nat.sources).toHaveLength(2);
    // AND it ships with the ruleset that allows everything
    const ruleset = await ok(p, "GET", "/spaces/data-space/inbound-ruleset");
    expect(ruleset).toMatchObject({ space: { name: "data-space" }, rules: [{ action: "allow", source: "0.0.0.0/0" }], created_by: "developer@dynoform.local" });
    // AND one peering pending acceptance, and the info a peer needs
    const [peering] = await ok(p, "GET", "/spaces/data-space/peerings");
    expect(peering).toMatchObject({ status: "pending-acceptance", type: "customer-managed", aws_region: "eu-central-1" });
    expect(peering.pcx_id).toMatch(/^pcx-[0-9a-f]{17}$/);
    const info = await ok(p, "GET", "/spaces/data-space/peering-info");
    expect(info).toMatchObject({ aws_region: "eu-central-1", vpc_cidr: "172.20.0.0/16", unavailable_cidr_blocks: ["10.1.0.0/16"] });
    expect(info.dyno_cidr_blocks).toContain("172.20.128.0/20");
    const problems = [
      ...shapeProblems("space", got),
      ...shapeProblems("space-nat", nat),
      ...shapeProblems("inbound-ruleset", ruleset),
      ...shapeProblems("peering", peering),
      ...shapeProblems("peering-info", info),
    ];
    expect(problems).toEqual([]);
  });

  it("replaces the inbound ruleset, refusing a source that is not a CIDR block", async () => {
    const p = await spacePlatform();
    await ok(p, "POST", "/spaces", { name: "rules-space", team: "dynoform-team" });
    const put = await ok(p, "PUT", "/spaces/rules-space/inbound-ruleset", { rules: [{ action: "deny", source: "10.0.0.0/8" }, { action: "allow", source: "1.2.3.4/32" }] });
    expect((await ok(p, "GET", "/spaces/rules-space/inbound-ruleset")).id).toBe(put.id);
    expect(put.rules).toEqual([{ action: "deny", source: "10.0.0.0/8" }, { action: "allow", source: "1.2.3.4/32" }]);
    const bad = await refused(p, "PUT", "/spaces/rules-space/inbound-ruleset", { rules: [{ action: "allow", source: "everyone" }] });
    expect(bad).toMatchObject({ status: 422, id: "invalid_params" });
    expect(bad.message).toContain("rules[0].source");
    expect((await refused(p, "PUT", "/spaces/rules-space/inbound-ruleset", { rules: [{ action: "maybe", source: "1.2.3.4/32" }] })).status).toBe(422);
  });

  it("makes a VPN connection pending, then active with its tunnels up; renames, lists and deletes it", async () => {
    const p = await spacePlatform();
    await ok(p, "POST", "/spaces", { name: "vpn-space", team: "dynoform-team" });
    const created = await api(p, "POST", "/spaces/vpn-space/vpn-connections", { name: "office", public_ip: "35.161.69.30", routable_cidrs: ["172.16.0.0/16"] });
    expect(created.status).toBe(201);
    const vpn = await created.json();
    expect(vpn).toMatchObject({ name: "office", status: "pending", space_cidr_block: "10.0.0.0/16", ike_version: 1 });
    expect(vpn.tunnels.map((t: { status: string }) => t.status)).toEqual(["DOWN", "DOWN"]);
    // WHEN it is read again (by name) once due
    const active = await ok(p, "GET", "/spaces/vpn-space/vpn-connections/office");
    // THEN it is active, its tunnels up, in the schema's shape
    expect(active.status).toBe("active");
    expect(active.tunnels.map((t: { status: string }) => t.status)).toEqual(["UP", "UP"]);
    expect(shapeProblems("vpn-connection", active)).toEqual([]);
    expect(await ok(p, "PATCH", `/spaces/vpn-space/vpn-connections/${vpn.id}`, { routable_cidrs: ["172.17.0.0/16"] })).toMatchObject({ routable_cidrs: ["172.17.0.0/16"] });
    expect(await ok(p, "GET", "/spaces/vpn-space/vpn-connections")).toHaveLength(1);
    // AND a second one of the same name, or a bad address, is refused
    expect((await refused(p, "POST", "/spaces/vpn-space/vpn-connections", { name: "office", public_ip: "1.2.3.4", routable_cidrs: ["172.18.0.0/16"] })).status).toBe(422);
    expect((await refused(p, "POST", "/spaces/vpn-space/vpn-connections", { name: "lab", public_ip: "nope", routable_cidrs: ["172.18.0.0/16"] })).status).toBe(422);
    // AND once deleted it is not found, with the message the real provider waits on
    await ok(p, "DELETE", `/spaces/vpn-space/vpn-connections/${vpn.id}`);
    expect(await refused(p, "GET", `/spaces/vpn-space/vpn-connections/${vpn.id}`)).toMatchObject({ status: 404, id: "not_found", message: "VPN is not found" });
  });

  it("accepts the pending peering, then deletes it", async () => {
    const p = await spacePlatform();
    await ok(p, "POST", "/spaces", { name: "peer-space", team: "dynoform-team" });
    const [offer] = await ok(p, "GET", "/spaces/peer-space/peerings");
    expect(await ok(p, "POST", `/spaces/peer-space/peerings/${offer.pcx_id}/actions/accept`)).toMatchObject({ status: "active" });
    expect(await ok(p, "GET", `/spaces/peer-space/peerings/${offer.pcx_id}`)).toMatchObject({ status: "active" });
    await ok(p, "DELETE", `/spaces/peer-space/peerings/${offer.pcx_id}`);
    expect(await refused(p, "GET", `/spaces/peer-space/peerings/${offer.pcx_id}`)).toMatchObject({ status: 404, message: "Couldn't find that peering." });
    expect((await refused(p, "POST", "/spaces/peer-space/peerings/pcx-0123456789abcdef0/actions/accept")).status).toBe(404);
  });

  it("gives the team's members app permissions on a space; a removed member loses them", async () => {
    const p = await spacePlatform();
    await ok(p, "POST", "/spaces", { name: "access-space", team: "dynoform-team" });
    await ok(p, "PUT", "/teams/dynoform-team/members", { email: "ann@example.com", role: "member" });
    // WHEN the member is given create_apps
    const access = await ok(p, "PATCH", "/spaces/access-space/members/ann@example.com", { permissions: [{ name: "create_apps" }] });
    // THEN the space lists it, by email or user id, in the schema's shape
    expect(access).toMatchObject({ space: { name: "access-space" }, user: { email: "ann@example.com" }, permissions: [{ name: "create_apps" }] });
    expect(await ok(p, "GET", `/spaces/access-space/members/${access.user.id}`)).toMatchObject({ permissions: [{ name: "create_apps" }] });
    expect((await ok(p, "GET", "/spaces/access-space/members")).map((m: { user: { email: string } }) => m.user.email).sort()).toEqual([
      "ann@example.com",
      "developer@dynoform.local",
    ]);
    expect(shapeProblems("space-app-access", access)).toEqual([]);
    // AND an unknown permission, or someone outside the team, is refused
    expect((await refused(p, "PATCH", "/spaces/access-space/members/ann@example.com", { permissions: [{ name: "own" }] })).status).toBe(422);
    expect(await refused(p, "GET", "/spaces/access-space/members/bob@example.com")).toMatchObject({ status: 404, message: "Couldn't find that user." });
    // AND a member removed from the team keeps nothing on the space when added back
    await ok(p, "DELETE", "/teams/dynoform-team/members/ann@example.com");
    expect(await ok(p, "GET", "/spaces/access-space/members/ann@example.com").catch(() => "gone")).toBe("gone");
    await ok(p, "PUT", "/teams/dynoform-team/members", { email: "ann@example.com", role: "member" });
    expect((await ok(p, "GET", "/spaces/access-space/members/ann@example.com")).permissions).toEqual([]);
  });

  it("gives an app in a space the space's generation, and keeps its internal routing", async () => {
    // GIVEN a Fir space and a Cedar space, allocated
    const p = await spacePlatform();
    await ok(p, "POST", "/spaces", { name: "fir-space", team: "dynoform-team", region: "virginia", generation: "fir" });
    await ok(p, "POST", "/spaces", { name: "cedar-space", team: "dynoform-team", region: "virginia" });
    await ok(p, "GET", "/spaces");
    // WHEN an app is made in each, one routed internally, and one outside any space
    await ok(p, "POST", "/teams/apps", { name: "in-fir", space: "fir-space" });
    await ok(p, "POST", "/teams/apps", { name: "in-cedar", space: "cedar-space", internal_routing: true });
    await ok(p, "POST", "/teams/apps", { name: "common", team: "dynoform-team" });
    // THEN each answers its space's generation, and internal routing only where a space gives it meaning
    expect(await ok(p, "GET", "/apps/in-fir")).toMatchObject({ generation: { name: "fir" }, internal_routing: false, stack: { name: "cnb" }, build_stack: { name: "cnb" } });
    expect(await ok(p, "GET", "/apps/in-cedar")).toMatchObject({ generation: { name: "cedar" }, internal_routing: true, stack: { name: "heroku-24" } });
    expect(await ok(p, "GET", "/apps/common")).toMatchObject({ generation: { name: "cedar" }, internal_routing: null });
  });

  it("makes apps in a space in its region, and refuses to delete a space that has apps", async () => {
    const p = await spacePlatform();
    const space = await ok(p, "POST", "/spaces", { name: "app-space", team: "dynoform-team", region: "virginia", shield: true });
    await ok(p, "GET", "/spaces/app-space");
    // WHEN an app is created in it
    const app = await ok(p, "POST", "/teams/apps", { name: "spaced", space: "app-space", region: "virginia" });
    // THEN the app names its space, is the team's, and is in the space's region
    expect(app).toMatchObject({ space: { id: space.id, name: "app-space", shield: true }, team: { name: "dynoform-team" }, region: { name: "virginia" } });
    expect(await ok(p, "GET", "/apps/spaced")).toMatchObject({ space: { name: "app-space" } });
    // AND a rename of the space shows on the app
    await ok(p, "PATCH", "/spaces/app-space", { name: "app-space-2" });
    expect((await ok(p, "GET", "/apps/spaced")).space.name).toBe("app-space-2");
    // AND another region, or an unknown space, is refused
    expect((await refused(p, "POST", "/teams/apps", { name: "elsewhere", space: "app-space-2", region: "oregon" })).status).toBe(422);
    expect(await refused(p, "POST", "/teams/apps", { name: "nowhere", space: "no-such-space" })).toMatchObject({ status: 404, message: "Couldn't find that space." });
    // AND deleting the space with the app in it is refused, and succeeds once the app is gone, taking its networking with it
    expect(await refused(p, "DELETE", "/spaces/app-space-2")).toMatchObject({
      status: 422,
      id: "invalid_params",
      message: "Space app-space-2 still has apps. Delete them before destroying the space.",
    });
    await ok(p, "DELETE", "/apps/spaced");
    expect(await ok(p, "DELETE", "/spaces/app-space-2")).toMatchObject({ state: "deleting" });
    expect(await refused(p, "GET", "/spaces/app-space-2")).toMatchObject({ status: 404, message: "Couldn't find that space." });
    expect((await refused(p, "GET", "/spaces/app-space-2/inbound-ruleset")).status).toBe(404);
  });

  it("refuses what a space cannot be, with 422 invalid_params naming it", async () => {
    const p = await spacePlatform();
    await ok(p, "POST", "/spaces", { name: "taken", team: "dynoform-team" });
    const cases: [unknown, RegExp | string][] = [
      [{ name: "taken", team: "dynoform-team" }, "Name is already taken"],
      [{ name: "Bad_Name", team: "dynoform-team" }, /^Name must start and end/],
      [{ name: "cidr-space", team: "dynoform-team", cidr: "8.8.0.0/16" }, /^cidr must be a \/16/],
      [{ name: "cidr-space", team: "dynoform-team", cidr: "10.0.0.0/24" }, /^cidr must be a \/16/],
      [{ name: "data-space", team: "dynoform-team", data_cidr: "10.1.0.0/24" }, /^data_cidr must be/],
      [{ name: "fir-space", team: "dynoform-team", generation: "fir", shield: true }, "Shield spaces are not supported for the fir generation."],
      [{ name: "gen-space", team: "dynoform-team", generation: "aspen" }, /^generation/],
      [{ team: "dynoform-team" }, "name is required"],
    ];
    for (const [body, message] of cases) {
      const answer = await refused(p, "POST", "/spaces", body);
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 422, id: "invalid_params" });
      expect(answer.message).toMatch(message);
    }
    // AND an unknown team, or a region that takes no spaces, is not found
    expect(await refused(p, "POST", "/spaces", { name: "lost", team: "acme" })).toMatchObject({ status: 404, message: "Couldn't find that team." });
    expect(await refused(p, "POST", "/spaces", { name: "lost", team: "dynoform-team", region: "us" })).toMatchObject({ status: 404, message: "Couldn't find that region." });
    expect(await refused(p, "GET", "/spaces/nope")).toMatchObject({ status: 404, id: "not_found", message: "Couldn't find that space." });
  });
});
