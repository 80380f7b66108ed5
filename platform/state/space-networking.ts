/**
 * A space's networking: its inbound ruleset, its VPN connections, its VPC
 * peerings and what a peer needs to know (peering info).
 *
 * - A space starts with the ruleset that allows everything (`allow
 *   0.0.0.0/0`), as the real provider says Heroku ships it; a PUT replaces it.
 * - A VPN connection is made `pending` with two tunnels `DOWN`, and is
 *   `active` with its tunnels `UP` when it is due (settle.ts).
 * - No real peer VPC exists here, so the platform stands in for one: an
 *   allocated space is offered one customer-managed peering, from the AWS
 *   default VPC range 172.31.0.0/16, `pending-acceptance` for seven days (as
 *   an AWS request is). Accepting it (`POST …/actions/accept`) makes it
 *   `active`; deleting it removes it, and no other is offered.
 *
 * Ids and addresses are derived from the space's id, so they stay the same.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { DEFAULT_INBOUND_RULE, INBOUND_RULE_ACTIONS } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { listField, nameField, type InboundRulesetRecord, type PeeringRecord, type PlatformData, type SpaceRecord, type VpnConnectionRecord } from "./records";
import { parseBody } from "./request-shapes";
import { spaceRegionInfo } from "./space-lookup";

/** An IPv4 address, and a block in CIDR notation (the schema's pattern for a rule's source). */
const IPV4_ADDRESS = String.raw`((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = new RegExp(`^${IPV4_ADDRESS}$`);
const IPV4_CIDR = new RegExp(String.raw`^${IPV4_ADDRESS}\/(\d|[12]\d|3[0-2])$`);
const cidrField = nameField.regex(IPV4_CIDR, "is not an IPv4 CIDR block");

/** Hex digits derived from a space and a purpose, the same every time (internal helper). */
function derived(space: SpaceRecord, what: string, length: number): string {
  return createHash("sha256").update(`${what}:${space.id}`).digest("hex").slice(0, length);
}

/** The space's 12-digit AWS account number. */
function awsAccount(space: SpaceRecord): string {
  return BigInt(`0x${derived(space, "aws", 15)}`).toString().padStart(12, "0").slice(-12);
}

// Inbound rulesets

/** The space's first ruleset: everything allowed. */
export function startRuleset(data: PlatformData, space: SpaceRecord): void {
  data.inboundRulesets.push({
    id: randomUUID(),
    space: { id: space.id },
    rules: [{ ...DEFAULT_INBOUND_RULE }],
    created_by: data.account.email,
    created_at: space.created_at,
  });
}

/** `GET /spaces/{space}/inbound-ruleset`. */
export function currentRuleset(data: Readonly<PlatformData>, space: SpaceRecord): InboundRulesetRecord {
  const ruleset = data.inboundRulesets.find((r) => r.space.id === space.id);
  if (!ruleset) throw new Error(`space ${space.id} has no inbound ruleset`);
  return ruleset;
}

export function rulesetView(space: SpaceRecord, ruleset: InboundRulesetRecord) {
  return { ...ruleset, space: { id: space.id, name: space.name } };
}

/** `PUT /spaces/{space}/inbound-ruleset`: a new ruleset, which replaces the current one. */
export function putRuleset(data: PlatformData, space: SpaceRecord, body: unknown): InboundRulesetRecord {
  const { rules } = parseBody(z.object({ rules: listField(z.object({ action: z.enum(INBOUND_RULE_ACTIONS), source: cidrField })).nullish() }), body);
  const ruleset: InboundRulesetRecord = {
    id: randomUUID(),
    space: { id: space.id },
    rules: rules ?? [],
    created_by: data.account.email,
    created_at: new Date().toISOString(),
  };
  data.inboundRulesets = [...data.inboundRulesets.filter((r) => r.space.id !== space.id), ruleset];
  return ruleset;
}

// VPN connections

/** Heroku's answer for a VPN connection that is not there, which the real provider waits on. */
function vpnNotFound(): ApiError {
  return new ApiError(404, "not_found", "VPN is not found");
}

const vpnRequest = z.object({
  name: nameField.min(1),
  public_ip: nameField.regex(IPV4, "is not an IPv4 address"),
  routable_cidrs: listField(cidrField).min(1),
});

/** `POST /spaces/{space}/vpn-connections`: pending until `vpnMs` from now. Names are unique in a space. */
export function createVpnConnection(data: PlatformData, space: SpaceRecord, body: unknown, vpnMs: number): VpnConnectionRecord {
  const request = parseBody(vpnRequest, body);
  if (data.vpnConnections.some((v) => v.space.id === space.id && v.name === request.name)) throw ApiError.invalidParams("Name is already taken");
  const now = new Date();
  const id = randomUUID();
  const tunnel = (n: number) => ({
    ip: `198.51.100.${(parseInt(id.slice(0, 2), 16) % 120) * 2 + n}`,
    customer_ip: request.public_ip,
    pre_shared_key: randomBytes(16).toString("hex"),
    status: "DOWN" as const,
    status_message: "",
    last_status_change: now.toISOString(),
  });
  const connection: VpnConnectionRecord = {
    id,
    space: { id: space.id },
    name: request.name,
    public_ip: request.public_ip,
    routable_cidrs: request.routable_cidrs,
    ike_version: 1,
    status: "pending",
    status_message: "",
    tunnels: [tunnel(1), tunnel(2)],
    created_at: now.toISOString(),
  };
  data.vpnConnections.push(connection);
  data.pending.vpnConnections[id] = new Date(now.getTime() + vpnMs).toISOString();
  return connection;
}

/** A VPN connection is up when due: active, its tunnels up. */
export function finishVpnConnection(connection: VpnConnectionRecord): void {
  const now = new Date().toISOString();
  connection.status = "active";
  for (const tunnel of connection.tunnels) Object.assign(tunnel, { status: "UP", last_status_change: now });
}

/** A VPN connection whose provisioning failed unexpectedly. */
export function failVpnConnection(connection: VpnConnectionRecord, reason: string): void {
  connection.status = "failed";
  connection.status_message = reason;
}

/** `GET /spaces/{space}/vpn-connections`. */
export function vpnConnectionsOf(data: Readonly<PlatformData>, space: SpaceRecord) {
  return data.vpnConnections.filter((v) => v.space.id === space.id).map((v) => vpnView(space, v));
}

/** A space's VPN connection by id or name. */
export function findVpnConnection(data: Readonly<PlatformData>, space: SpaceRecord, key: string): VpnConnectionRecord {
  const found = data.vpnConnections.find((v) => v.space.id === space.id && (v.id === key || v.name === key));
  if (!found) throw vpnNotFound();
  return found;
}

/** `PATCH …/vpn-connections/{vpn}`: its routable CIDRs. */
export function updateVpnConnection(connection: VpnConnectionRecord, body: unknown): void {
  connection.routable_cidrs = parseBody(z.object({ routable_cidrs: vpnRequest.shape.routable_cidrs }), body).routable_cidrs;
}

export function removeVpnConnection(data: PlatformData, connection: VpnConnectionRecord): void {
  data.vpnConnections = data.vpnConnections.filter((v) => v !== connection);
  delete data.pending.vpnConnections[connection.id];
}

export function vpnView(space: SpaceRecord, connection: VpnConnectionRecord) {
  const { space: _space, created_at: _created, ...view } = connection;
  return { ...view, space_cidr_block: space.cidr };
}

// Peerings

/** The peering an allocated space is offered, pending acceptance (see above). */
export function offerPeering(data: PlatformData, space: SpaceRecord): void {
  const now = Date.now();
  data.peerings.push({
    space: { id: space.id },
    pcx_id: `pcx-${derived(space, "pcx", 17)}`,
    type: "customer-managed",
    status: "pending-acceptance",
    aws_vpc_id: `vpc-${derived(space, "peer-vpc", 17)}`,
    aws_region: spaceRegionInfo(space.region).aws,
    aws_account_id: awsAccount(space),
    cidr_blocks: ["172.31.0.0/16"],
    expires: new Date(now + 7 * 24 * 3600_000).toISOString(),
  });
}

/** `GET /spaces/{space}/peerings`. */
export function peeringsOf(data: Readonly<PlatformData>, space: SpaceRecord) {
  return data.peerings.filter((p) => p.space.id === space.id).map(peeringView);
}

export function findPeering(data: Readonly<PlatformData>, space: SpaceRecord, pcxId: string): PeeringRecord {
  const found = data.peerings.find((p) => p.space.id === space.id && p.pcx_id === pcxId);
  if (!found) throw ApiError.notFound("peering");
  return found;
}

/** `POST …/peerings/{pcx}/actions/accept`: a pending peering becomes active; an active one stays so. */
export function acceptPeering(peering: PeeringRecord): void {
  if (peering.status !== "pending-acceptance" && peering.status !== "active") {
    throw ApiError.invalidParams(`Peering ${peering.pcx_id} is ${peering.status} and cannot be accepted.`);
  }
  peering.status = "active";
}

export function removePeering(data: PlatformData, peering: PeeringRecord): void {
  data.peerings = data.peerings.filter((p) => p !== peering);
}

export function peeringView(peering: PeeringRecord) {
  const { space: _space, ...view } = peering;
  return view;
}

/**
 * `GET /spaces/{space}/peering-info`: what a peer needs. Chosen: dynos use
 * the upper four /20s of the space's /16, and the data CIDR is unavailable.
 */
export function peeringInfoView(space: SpaceRecord) {
  const prefix = space.cidr.split(".").slice(0, 2).join(".");
  const dynoBlocks = [128, 144, 160, 176].map((third) => `${prefix}.${third}.0/20`);
  return {
    aws_account_id: awsAccount(space),
    aws_region: spaceRegionInfo(space.region).aws,
    vpc_id: `vpc-${derived(space, "vpc", 17)}`,
    vpc_cidr: space.cidr,
    dyno_cidr_blocks: dynoBlocks,
    space_cidr_blocks: dynoBlocks,
    unavailable_cidr_blocks: [space.data_cidr],
  };
}

/** What a deleted space's networking leaves: nothing. */
export function removeSpaceNetworking(data: PlatformData, space: SpaceRecord): void {
  const other = <T extends { space: { id: string } }>(list: T[]) => list.filter((x) => x.space.id !== space.id);
  for (const connection of data.vpnConnections.filter((v) => v.space.id === space.id)) delete data.pending.vpnConnections[connection.id];
  data.inboundRulesets = other(data.inboundRulesets);
  data.vpnConnections = other(data.vpnConnections);
  data.peerings = other(data.peerings);
}
