/**
 * heroku_space_vpn_connection: a VPN connection of a space, with the real
 * provider's calls: create, then a wait (up to 30 minutes) until it is
 * active, then a read with its tunnels. Every attribute forces a new one;
 * there is no update. The id, and the import id, is `<space>:<connection id>`.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { HerokuApiError } from "../../lib/heroku-api-client";
import { str, stringList } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { compositeId } from "./team-ids";
import { waitForTarget, wrapError } from "./state-change";

interface ApiVpnConnection {
  id: string;
  name: string;
  public_ip: string;
  routable_cidrs: string[];
  space_cidr_block: string;
  ike_version: number;
  status: string;
  tunnels: { ip: string; pre_shared_key: string }[];
}

const PENDING = ["pending", "provisioning"];

function connectionPath(space: string, id: string): string {
  return `/spaces/${encodeURIComponent(space)}/vpn-connections/${encodeURIComponent(id)}`;
}

async function readConnection(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const [space, id] = compositeId(str(state.id) ?? "");
  const conn = await wrapError("Error reading VPN information: ", () => ctx.client.get<ApiVpnConnection>(connectionPath(space, id)));
  return {
    id: state.id,
    space,
    name: conn.name,
    public_ip: conn.public_ip,
    routable_cidrs: conn.routable_cidrs,
    space_cidr_block: conn.space_cidr_block,
    ike_version: conn.ike_version,
    tunnels: conn.tunnels.map((t) => ({ ip: t.ip, pre_shared_key: t.pre_shared_key })),
    timeouts: state.timeouts ?? null,
  };
}

/** The connection's status; one not found yet is still pending, as the real provider retries on it (internal helper). */
async function statusOf(ctx: ResourceContext, space: string, id: string): Promise<string> {
  const notFoundYet = (error: unknown) => {
    if (error instanceof HerokuApiError && error.message.includes("VPN is not found")) return "pending";
    throw error;
  };
  const found = ctx.client.get<ApiVpnConnection>(connectionPath(space, id)).then((c) => c.status, notFoundYet);
  return wrapError("error fetching VPN connection status: ", () => found);
}

export const herokuSpaceVpnConnection: ResourceType = {
  forceNew: FORCE_NEW.heroku_space_vpn_connection,
  computedBlocks: ["tunnels"],

  async create(ctx, planned) {
    const space = str(planned.space) ?? "";
    const conn = await wrapError("Error creating VPN: ", () =>
      ctx.client.post<ApiVpnConnection>(`/spaces/${encodeURIComponent(space)}/vpn-connections`, {
        name: str(planned.name),
        public_ip: str(planned.public_ip),
        routable_cidrs: stringList(planned.routable_cidrs),
      }),
    );
    ctx.created(`${space}:${conn.id}`);
    await wrapError("error waiting for VPN to become available: ", () => waitForTarget(() => statusOf(ctx, space, conn.id), PENDING, "active", 30 * 60_000));
    return readConnection(ctx, { ...planned, id: `${space}:${conn.id}` });
  },

  read: readConnection,

  async delete(ctx, state) {
    const [space, id] = compositeId(str(state.id) ?? "");
    await wrapError("Error deleting VPN: ", () => ctx.client.delete(connectionPath(space, id)));
  },
};
