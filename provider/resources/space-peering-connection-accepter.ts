/**
 * heroku_space_peering_connection_accepter: accepts a VPC peering a space
 * was offered, with the real provider's calls: the accept, retried for up to
 * 5 minutes (a peering takes a while to appear), then a wait (up to 20
 * minutes) until it is active. Destroy deletes the peering; there is no
 * update. The id is the peering's `pcx-…` id; the import id is
 * `<space>:<pcx id>`.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { waitFor } from "./platform-timing";
import { waitForTarget, wrapError } from "./state-change";
import { compositeId } from "./team-ids";

interface ApiPeering {
  pcx_id: string;
  type: string;
  status: string;
}

const PENDING = ["initiating-request", "pending", "pending-acceptance", "provisioning"];

function peeringPath(space: string, pcxId: string): string {
  return `/spaces/${encodeURIComponent(space)}/peerings/${encodeURIComponent(pcxId)}`;
}

function peeringState(space: string, peering: ApiPeering): ObjectValue {
  return { id: peering.pcx_id, space, vpc_peering_connection_id: peering.pcx_id, status: peering.status, type: peering.type };
}

async function readPeering(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const space = str(state.space) ?? "";
  return peeringState(space, await ctx.client.get<ApiPeering>(peeringPath(space, str(state.id) ?? "")));
}

export const herokuSpacePeeringConnectionAccepter: ResourceType = {
  forceNew: FORCE_NEW.heroku_space_peering_connection_accepter,

  async create(ctx, planned) {
    const space = str(planned.space) ?? "";
    const pcxId = str(planned.vpc_peering_connection_id) ?? "";
    const accept = () => ctx.client.post(`${peeringPath(space, pcxId)}/actions/accept`, {}).then(() => true, () => false);
    try {
      await waitFor("the peering to be accepted", accept, (accepted) => accepted, 5 * 60_000);
    } catch {
      throw new Error(`[ERROR] Unable to accept peer connection ${pcxId} to ${space}`);
    }
    ctx.created(pcxId);
    const status = () => ctx.client.get<ApiPeering>(peeringPath(space, pcxId)).then((p) => p.status);
    await wrapError(`Error waiting for Space (${pcxId}) to become available: `, () => waitForTarget(status, PENDING, "active", 20 * 60_000));
    return { ...planned, ...(await readPeering(ctx, { space, id: pcxId })) };
  },

  read: readPeering,

  async delete(ctx, state) {
    await ctx.client.delete(peeringPath(str(state.space) ?? "", str(state.id) ?? ""));
  },

  async importState(ctx, id) {
    const [space, pcxId] = compositeId(id);
    return readPeering(ctx, { space, id: pcxId });
  },
};
