/**
 * heroku_account_feature: an account feature (`heroku labs`) switched on or
 * off, as heroku/heroku 5.3.2 does it. There is no create or delete in the
 * API: create and update set `enabled`, destroy switches the feature off.
 * Id and import id: `<account email>:<feature>`.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

interface ApiAccountFeature {
  name: string;
  description: string;
  state: string;
  enabled: boolean;
}

function featurePath(name: string): string {
  return `/account/features/${encodeURIComponent(name)}`;
}

/** PATCHes the feature, with the real provider's wording when the platform refuses (Go's `%+v` of its options). */
async function setEnabled(ctx: ResourceContext, name: string, enabled: boolean): Promise<ApiAccountFeature> {
  try {
    return await ctx.client.patch<ApiAccountFeature>(featurePath(name), { enabled });
  } catch (error) {
    throw new Error(`Error enabling/disabling feature: ${(error as Error).message} opts {Enabled:${enabled}}`);
  }
}

async function read(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  // As the real one: a feature that cannot be read is an error, never "gone".
  const feature = await ctx.client.get<ApiAccountFeature>(featurePath(str(state.name) ?? ""));
  return { id: state.id, name: feature.name, description: feature.description, state: feature.state, enabled: feature.enabled };
}

async function apply(ctx: ResourceContext, planned: ObjectValue): Promise<ObjectValue> {
  const feature = await setEnabled(ctx, str(planned.name) ?? "", planned.enabled === true);
  const account = await ctx.client.get<{ email: string }>("/account");
  return read(ctx, { ...planned, id: `${account.email}:${feature.name}` });
}

export const herokuAccountFeature: ResourceType = {
  forceNew: FORCE_NEW.heroku_account_feature,

  create: apply,
  read,
  update: (ctx, _prior, planned) => apply(ctx, planned),

  async delete(ctx, state) {
    await setEnabled(ctx, str(state.name) ?? "", false);
  },

  async importState(ctx, id) {
    const cut = id.indexOf(":");
    if (cut < 0) throw new Error("error: Import composite ID requires two parts separated by colon, eg x:y");
    return read(ctx, { id, name: id.slice(cut + 1) });
  },
};
