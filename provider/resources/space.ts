/**
 * heroku_space: a private space of a team (`organization`), with the real
 * provider's calls: create, wait (up to 20 minutes) until it is allocated,
 * the `post_space_create_delay`, then a read, which adds the outbound IPs of
 * an allocated space (its NAT). Only the name is updated in place; the
 * import id is the space's id (or name), kept as the id, as the real
 * provider's passthrough import keeps it. A space gone from Heroku is an
 * error on read, not a resource gone, as in the real provider.
 */
import { DEFAULT_SPACE_GENERATION, SPACE_GENERATIONS } from "../../vocabulary";
import type { ObjectValue } from "../protocol/cty";
import { PartialCreateError, type ConfigProblem, type ResourceContext, type ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { delaySeconds } from "./platform-timing";
import { waitForTarget, wrapError } from "./state-change";
import { inSliceProblems } from "./validators";

export interface ApiSpace {
  id: string;
  name: string;
  state: string;
  shield: boolean;
  cidr: string;
  data_cidr: string;
  organization: { name: string };
  region: { name: string };
  generation: { name: string };
}

/** A space, and the outbound IPs of its NAT once it is allocated (the real provider's SpaceStateRefreshFunc). */
export async function fetchSpace(ctx: ResourceContext, idOrName: string): Promise<{ space: ApiSpace; outboundIps: string[] }> {
  const id = encodeURIComponent(idOrName);
  const space = await ctx.client.get<ApiSpace>(`/spaces/${id}`);
  if (space.state === "allocating") return { space, outboundIps: [] };
  const nat = await ctx.client.get<{ sources: string[] | null }>(`/spaces/${id}/nat`);
  return { space, outboundIps: nat.sources ?? [] };
}

/** The attributes the resource and the data source both read from a space. */
export function spaceAttributes({ space, outboundIps }: { space: ApiSpace; outboundIps: string[] }): ObjectValue {
  return {
    name: space.name,
    organization: space.organization.name,
    region: space.region.name,
    outbound_ips: outboundIps,
    shield: space.shield,
    cidr: space.cidr,
    data_cidr: space.data_cidr,
    generation: space.generation.name,
  };
}

async function readSpace(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  return { id: state.id, ...spaceAttributes(await fetchSpace(ctx, str(state.id) ?? "")) };
}

export const herokuSpace: ResourceType = {
  forceNew: FORCE_NEW.heroku_space,
  defaults: { shield: false, generation: DEFAULT_SPACE_GENERATION },

  validate(config) {
    const problems: ConfigProblem[] = [];
    const generation = config.generation;
    problems.push(...inSliceProblems(["generation"], SPACE_GENERATIONS, generation));
    // The real provider's CustomizeDiff: shield only where the generation supports it (cedar).
    if (config.shield === true && generation === "fir") problems.push({ path: [], summary: "shield spaces are not supported for fir generation" });
    return problems;
  },

  async create(ctx, planned) {
    const body: Record<string, unknown> = { name: str(planned.name), team: str(planned.organization), shield: planned.shield === true };
    for (const key of ["region", "cidr", "data_cidr", "generation"]) if (str(planned[key])) body[key] = str(planned[key]);
    const created = await ctx.client.post<ApiSpace>("/spaces", body);
    ctx.created(created.id);
    const state = { ...planned, id: created.id };
    try {
      const allocation = () => ctx.client.get<ApiSpace>(`/spaces/${created.id}`).then((s) => s.state);
      await wrapError(`Error waiting for Space (${created.id}) to become available: `, () => waitForTarget(allocation, ["allocating"], "allocated", 20 * 60_000));
      await delaySeconds(ctx.settings.postSpaceCreateDelaySeconds);
      return await readSpace(ctx, state);
    } catch (error) {
      throw new PartialCreateError(state, error);
    }
  },

  read: readSpace,

  async update(ctx, prior, planned) {
    if (planned.name !== prior.name) await ctx.client.patch(`/spaces/${encodeURIComponent(str(prior.id) ?? "")}`, { name: str(planned.name) });
    return planned;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/spaces/${encodeURIComponent(str(state.id) ?? "")}`);
  },
};
