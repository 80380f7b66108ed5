import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type RunningPlatform } from "../../platform";
import { HerokuClient } from "../../lib/heroku-api-client";
import { platformProviderBlock, TerraformDir } from "./terraform-harness";

/**
 * Private spaces through real terraform and the local provider: a space with
 * an app in it, a member's app access, an inbound ruleset, a VPN connection
 * and the accepter of the space's peering offer; the heroku_space and
 * heroku_space_peering_info data sources; updates in place, replacement,
 * import by the real provider's ids, destroy, and each refusal with the real
 * provider's message.
 */
let platform: RunningPlatform;
let tf: TerraformDir;
let api: HerokuClient;


interface Estate {
  spaceName?: string;
  cidr?: string;
  ruleSource?: string;
  /** The pcx id of the peering to accept, when there is one. */
  pcx?: string;
  /** Whether the member's app access and the inbound ruleset are in it. @default true */
  accessAndRules?: boolean;
}

/** The estate under test (internal helper). */
function estate({ spaceName = "tf-space", cidr = "10.0.0.0/16", ruleSource = "10.0.0.0/8", pcx, accessAndRules = true }: Estate = {}): string {
  const accessAndRulesBlocks = `resource "heroku_space_app_access" "ann" {
  space       = heroku_space.main.id
  email       = heroku_team_member.ann.email
  permissions = ["create_apps"]
}
resource "heroku_space_inbound_ruleset" "rules" {
  space = heroku_space.main.id
  rule {
    action = "allow"
    source = "${ruleSource}"
  }
  rule {
    action = "deny"
    source = "0.0.0.0/0"
  }
}`;
  return `${platformProviderBlock(platform.url)}
resource "heroku_space" "main" {
  name         = "${spaceName}"
  organization = "dynoform-team"
  region       = "virginia"
  cidr         = "${cidr}"
}
resource "heroku_app" "inside" {
  name   = "tf-spaced"
  region = "virginia"
  space  = heroku_space.main.name
  organization {
    name = "dynoform-team"
  }
}
resource "heroku_team_member" "ann" {
  team  = "dynoform-team"
  email = "ann@example.com"
  role  = "member"
}
${accessAndRules ? accessAndRulesBlocks : ""}
resource "heroku_space_vpn_connection" "office" {
  space          = heroku_space.main.id
  name           = "office"
  public_ip      = "35.161.69.30"
  routable_cidrs = ["172.16.0.0/16"]
}
${
  pcx
    ? `resource "heroku_space_peering_connection_accepter" "peer" {
  space                     = heroku_space.main.id
  vpc_peering_connection_id = "${pcx}"
}
output "peer_status" {
  value = heroku_space_peering_connection_accepter.peer.status
}`
    : ""
}
data "heroku_space" "read" {
  name       = heroku_space.main.name
}
data "heroku_space_peering_info" "info" {
  name = heroku_space.main.name
}
output "space_state" {
  value = data.heroku_space.read.state
}
output "space_uuid_matches" {
  value = data.heroku_space.read.uuid == heroku_space.main.id
}
output "outbound_ips" {
  value = length(heroku_space.main.outbound_ips)
}
output "peer_region" {
  value = data.heroku_space_peering_info.info.aws_region
}
output "vpc_cidr" {
  value = data.heroku_space_peering_info.info.vpc_cidr
}
output "tunnels" {
  value = length(heroku_space_vpn_connection.office.tunnels)
}
`;
}

beforeAll(async () => {
  platform = await startPlatform({
    dataDir: mkdtempSync(join(tmpdir(), "dynoform-spaces-")),
    port: 0,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 300, vpnMs: 300 },
  });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  tf = new TerraformDir({ HEROKU_API_KEY: platform.apiKey });
  tf.write(estate());
  const init = await tf.run("init");
  if (init.code !== 0) throw new Error(init.output);
}, 120_000);
afterAll(() => platform?.close());

/** The pcx id of the peering the space was offered (internal helper). */
async function offeredPeering(space: string): Promise<string> {
  const [peering] = await api.get<{ pcx_id: string }[]>(`/spaces/${space}/peerings`);
  return peering.pcx_id;
}

describe("the local provider: private spaces", () => {
  it("creates a space, waits for it to be allocated, and puts an app, access, rules and a VPN in it; then plans nothing", async () => {
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 6 added, 0 changed, 0 destroyed/);
    // THEN the space is allocated, with its outbound IPs, and the data sources read it and its peering info
    expect(await api.get<any>("/spaces/tf-space")).toMatchObject({ state: "allocated", cidr: "10.0.0.0/16", team: { name: "dynoform-team" } });
    expect(applied.output).toMatch(/space_state = "allocated"/);
    expect(applied.output).toMatch(/space_uuid_matches = true/);
    expect(applied.output).toMatch(/outbound_ips = 2/);
    expect(applied.output).toMatch(/peer_region = "us-east-1"/);
    expect(applied.output).toMatch(/vpc_cidr = "10.0.0.0\/16"/);
    // AND the app is in the space, the member may create apps there, the rules are set and the VPN is active with two tunnels
    expect(await api.get<any>("/apps/tf-spaced")).toMatchObject({ space: { name: "tf-space" }, region: { name: "virginia" } });
    expect((await api.get<any>("/spaces/tf-space/members/ann@example.com")).permissions).toEqual([{ name: "create_apps", description: expect.any(String) }]);
    expect((await api.get<any>("/spaces/tf-space/inbound-ruleset")).rules).toHaveLength(2);
    expect(await api.get<any>("/spaces/tf-space/vpn-connections/office")).toMatchObject({ status: "active" });
    expect(applied.output).toMatch(/tunnels = 2/);
    const again = await tf.run("plan", "-detailed-exitcode");
    expect(again.code, again.output).toBe(0);
  }, 240_000);

  it("accepts the space's pending peering and waits for it to be active", async () => {
    const pcx = await offeredPeering("tf-space");
    tf.write(estate({ pcx }));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 1 added, 0 changed, 0 destroyed/);
    expect(applied.output).toMatch(/peer_status = "active"/);
    expect(await api.get<any>(`/spaces/tf-space/peerings/${pcx}`)).toMatchObject({ status: "active" });
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);
  }, 180_000);

  it("changes the inbound rules in place, and plans a replacement for a new cidr", async () => {
    const pcx = await offeredPeering("tf-space");
    tf.write(estate({ pcx, ruleSource: "192.168.0.0/16" }));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 0 added, 1 changed, 0 destroyed/);
    expect((await api.get<any>("/spaces/tf-space/inbound-ruleset")).rules).toContainEqual({ action: "allow", source: "192.168.0.0/16" });
    // AND a new cidr replaces the space (and what names it)
    tf.write(estate({ pcx, ruleSource: "192.168.0.0/16", cidr: "10.2.0.0/16" }));
    const plan = await tf.run("plan");
    expect(plan.output).toMatch(/# heroku_space\.main must be replaced/);
    expect(plan.output).toMatch(/~ cidr\s+= "10.0.0.0\/16" -> "10.2.0.0\/16" # forces replacement/);
    tf.write(estate({ pcx, ruleSource: "192.168.0.0/16" }));
  }, 180_000);

  it("imports the space, the app access, the accepter and the VPN by the real provider's ids, then plans nothing", async () => {
    const pcx = await offeredPeering("tf-space");
    const space = await api.get<{ id: string }>("/spaces/tf-space");
    const vpn = await api.get<{ id: string }>("/spaces/tf-space/vpn-connections/office");
    const forgotten = ["heroku_space.main", "heroku_space_app_access.ann", "heroku_space_peering_connection_accepter.peer", "heroku_space_vpn_connection.office"];
    expect((await tf.run("state", "rm", ...forgotten)).code).toBe(0);
    for (const [address, id] of [
      ["heroku_space.main", space.id],
      ["heroku_space_app_access.ann", `${space.id}:ann@example.com`],
      ["heroku_space_peering_connection_accepter.peer", `${space.id}:${pcx}`],
      ["heroku_space_vpn_connection.office", `${space.id}:${vpn.id}`],
    ]) {
      const imported = await tf.run("import", address, id);
      expect(imported.code, imported.output).toBe(0);
    }
    const plan = await tf.run("plan", "-detailed-exitcode");
    expect(plan.code, plan.output).toBe(0);
    expect((await tf.run("state", "show", "heroku_space_app_access.ann")).output).toMatch(/"create_apps"/);
  }, 240_000);

  it("renames the space in place (its app, which names it, is replaced, as with the real provider; what names it by id stays)", async () => {
    const pcx = await offeredPeering("tf-space");
    tf.write(estate({ pcx, ruleSource: "192.168.0.0/16", spaceName: "tf-space-2" }));
    const plan = await tf.run("plan");
    expect(plan.output).toMatch(/# heroku_space\.main will be updated in-place/);
    expect(plan.output).toMatch(/# heroku_app\.inside must be replaced/);
    expect(plan.output).toMatch(/Plan: 1 to add, 1 to change, 1 to destroy/);
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(await api.get<any>("/apps/tf-spaced")).toMatchObject({ space: { name: "tf-space-2" } });
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);
  }, 240_000);

  it("refuses configurations the real provider refuses, with its messages", async () => {
    const pcx = await offeredPeering("tf-space-2");
    try {
      await refusals();
    } finally {
      tf.write(estate({ pcx, ruleSource: "192.168.0.0/16", spaceName: "tf-space-2" }));
    }
  }, 180_000);

  it("clears the member's permissions and resets the rules to Heroku's when their resources go", async () => {
    const pcx = await offeredPeering("tf-space-2");
    tf.write(estate({ pcx, spaceName: "tf-space-2", accessAndRules: false }));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 0 added, 0 changed, 2 destroyed/);
    expect((await api.get<any>("/spaces/tf-space-2/members/ann@example.com")).permissions).toEqual([]);
    expect((await api.get<any>("/spaces/tf-space-2/inbound-ruleset")).rules).toEqual([{ action: "allow", source: "0.0.0.0/0" }]);
  }, 180_000);

  it("destroys everything, the space after the app in it", async () => {
    const space = await api.get<{ id: string }>("/spaces/tf-space-2");
    const destroyed = await tf.run("destroy", "-auto-approve");
    expect(destroyed.code, destroyed.output).toBe(0);
    expect(await api.get<unknown[]>("/spaces")).toEqual([]);
    expect((await api.get<{ name: string }[]>("/apps")).map((a) => a.name)).not.toContain("tf-spaced");
    // The space and what hung on it are gone
    await expect(api.get(`/spaces/${space.id}/inbound-ruleset`)).rejects.toThrow(/Couldn't find that space/);
  }, 240_000);
});

/** Each configuration the real provider refuses, and its message (internal helper). */
async function refusals(): Promise<void> {
  tf.write(`${platformProviderBlock(platform.url)}
resource "heroku_space" "aspen" {
  name         = "aspen-space"
  organization = "dynoform-team"
  generation   = "aspen"
}
resource "heroku_space" "fir_shield" {
  name         = "fir-space"
  organization = "dynoform-team"
  generation   = "fir"
  shield       = true
}
resource "heroku_space_inbound_ruleset" "host_bits" {
  space = "tf-space-2"
  rule {
    action = "allow"
    source = "10.0.0.1/8"
  }
}
resource "heroku_space_inbound_ruleset" "not_cidr" {
  space = "tf-space-2"
  rule {
    action = "allow"
    source = "everyone"
  }
}
`);
  const validated = await tf.run("validate");
  expect(validated.code).not.toBe(0);
  expect(validated.output).toContain("expected generation to be one of [cedar fir], got aspen");
  expect(validated.output).toContain("shield spaces are not supported for fir generation");
  expect(validated.output).toContain("expected rule.0.source to contain a valid network Value, expected 10.0.0.0/8, got 10.0.0.1/8");
  expect(validated.output).toContain("expected rule.0.source to contain a valid Value, got: everyone with err: invalid CIDR address: everyone");
  // AND a space that does not exist is Heroku's 404 in the data source, and a taken name Heroku's refusal at apply
  tf.write(`${platformProviderBlock(platform.url)}
data "heroku_space" "missing" {
  name = "no-such-space"
}
`);
  const missing = await tf.run("plan", "-refresh=false");
  expect(missing.code).not.toBe(0);
  expect(missing.output).toContain("Couldn't find that space.");
  tf.write(`${platformProviderBlock(platform.url)}
resource "heroku_space" "dup" {
  name         = "tf-space-2"
  organization = "dynoform-team"
  region       = "virginia"
}
`);
  const dup = await tf.run("apply", "-auto-approve", "-refresh=false", "-target=heroku_space.dup");
  expect(dup.code).not.toBe(0);
  expect(dup.output).toContain("Name is already taken");
  // AND the platform's refusal of a VPN connection is told as the real provider tells it
  tf.write(`${platformProviderBlock(platform.url)}
resource "heroku_space_vpn_connection" "bad" {
  space          = "tf-space-2"
  name           = "bad"
  public_ip      = "not-an-ip"
  routable_cidrs = ["172.16.0.0/16"]
}
`);
  const badVpn = await tf.run("apply", "-auto-approve", "-refresh=false", "-target=heroku_space_vpn_connection.bad");
  expect(badVpn.code).not.toBe(0);
  expect(badVpn.output).toContain("Error creating VPN: public_ip is not valid");
  // AND an app access import id without a colon is the real provider's error
  tf.write(`${platformProviderBlock(platform.url)}
resource "heroku_space_app_access" "zed" {
  space       = "tf-space-2"
  email       = "zed@example.com"
  permissions = ["create_apps"]
}
`);
  const badImport = await tf.run("import", "heroku_space_app_access.zed", "tf-space-2");
  expect(badImport.code).not.toBe(0);
  expect(badImport.output).toContain("error: Import composite ID requires two parts separated by colon, eg x:y");
  // AND the inbound ruleset has no import, as in the real provider
  tf.write(`${platformProviderBlock(platform.url)}
resource "heroku_space_inbound_ruleset" "rules" {
  space = "tf-space-2"
  rule {
    action = "allow"
    source = "0.0.0.0/0"
  }
}
`);
  const noImport = await tf.run("import", "heroku_space_inbound_ruleset.rules", "tf-space-2");
  expect(noImport.code).not.toBe(0);
  expect(noImport.output).toContain("resource heroku_space_inbound_ruleset doesn't support import");
}
