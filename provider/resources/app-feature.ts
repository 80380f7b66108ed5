/**
 * heroku_app_feature: an app feature (e.g. `preboot`) switched on or off;
 * destroying the resource switches it off. Id and import id: `<app>:<feature>`.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { importParts, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

interface ApiFeature {
  id: string;
  name: string;
  enabled: boolean;
}

function featurePath(state: ObjectValue): string {
  const [app, feature] = importParts(str(state.id) ?? "", "<app>:<feature>");
  return `/apps/${encodeURIComponent(app)}/features/${encodeURIComponent(feature)}`;
}

async function setEnabled(ctx: ResourceContext, planned: ObjectValue): Promise<ObjectValue> {
  const app = str(planned.app_id) as string;
  const feature = await ctx.client.patch<ApiFeature>(`/apps/${encodeURIComponent(app)}/features/${encodeURIComponent(planned.name as string)}`, {
    enabled: planned.enabled,
  });
  return { ...planned, id: `${app}:${feature.id}`, name: feature.name, enabled: feature.enabled };
}

export const herokuAppFeature: ResourceType = {
  forceNew: FORCE_NEW.heroku_app_feature,
  defaults: { enabled: true },

  create: setEnabled,

  async read(ctx, state) {
    const feature = await orGone(ctx.client.get<ApiFeature>(featurePath(state)));
    const [app] = (str(state.id) ?? "").split(":");
    return feature && { id: state.id, app_id: app, name: feature.name, enabled: feature.enabled };
  },

  update: (ctx, _prior, planned) => setEnabled(ctx, planned),

  async delete(ctx, state) {
    await ctx.client.patch(featurePath(state), { enabled: false });
  },
};
