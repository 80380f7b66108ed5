/**
 * heroku_formation: scales one process type. There is nothing to create on
 * Heroku — create and update both PATCH the formation — and destroying the
 * resource leaves the dynos as they are, as the real provider does.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

interface ApiFormation {
  id: string;
  app: { id: string; name: string };
  type: string;
  quantity: number;
  size: string;
}

/** State holds the size as Heroku writes it ("Standard-1X"), as the real provider's does. */
function toState(f: ApiFormation): ObjectValue {
  return { id: f.id, app_id: f.app.id, type: f.type, quantity: f.quantity, size: f.size };
}

async function scale(ctx: ResourceContext, state: ObjectValue, body: Record<string, unknown>): Promise<ObjectValue> {
  const app = appIdOf(state);
  await ctx.client.get(`/apps/${app}`);
  const f = await ctx.client.patch<ApiFormation>(`/apps/${app}/formation/${encodeURIComponent(state.type as string)}`, body);
  return toState(await ctx.client.get<ApiFormation>(`/apps/${app}/formation/${f.id}`));
}

export const herokuFormation: ResourceType = {
  forceNew: FORCE_NEW.heroku_formation,

  validate(config) {
    const quantity = config.quantity;
    return typeof quantity === "number" && quantity < 0 ? [{ path: ["quantity"], summary: `quantity ${quantity} is negative` }] : [];
  },

  customizePlan(prior, planned) {
    // The real provider's suppressCaseDiff: "standard-1x" in the configuration is the "Standard-1X" in state, no change.
    if (typeof prior?.size === "string" && typeof planned.size === "string" && prior.size.toLowerCase() === planned.size.toLowerCase()) planned.size = prior.size;
  },

  create: (ctx, planned) => scale(ctx, planned, { size: planned.size, quantity: planned.quantity }),

  async read(ctx, state) {
    const f = await orGone(ctx.client.get<ApiFormation>(`/apps/${appIdOf(state)}/formation/${encodeURIComponent(str(state.id) ?? "")}`));
    return f && toState(f);
  },

  update(ctx, prior, planned) {
    const body: Record<string, unknown> = {};
    if (String(planned.size).toLowerCase() !== String(prior.size).toLowerCase()) body.size = planned.size;
    if (planned.quantity !== prior.quantity) body.quantity = planned.quantity;
    return scale(ctx, planned, body);
  },

  async delete() {},

  async importState(ctx, id) {
    const [app, type] = importParts(id, "<app>:<process type>");
    const f = await ctx.client.get<ApiFormation>(`/apps/${encodeURIComponent(app)}/formation/${encodeURIComponent(type)}`);
    return toState(f);
  },
};
