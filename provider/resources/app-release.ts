/**
 * heroku_app_release: a release of an existing slug (or OCI image). Releases
 * cannot be deleted: destroying the resource forgets it. Import id: the app,
 * whose current release it takes.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { waitFor } from "./platform-timing";

interface ApiRelease {
  id: string;
  app: { id: string };
  slug: { id: string } | null;
  description: string;
  status: string;
  current: boolean;
}

function releaseState(r: ApiRelease): ObjectValue {
  return { id: r.id, app_id: r.app.id, slug_id: r.slug?.id ?? null, description: r.description };
}

export const herokuAppRelease: ResourceType = {
  forceNew: FORCE_NEW.heroku_app_release,

  async create(ctx, planned) {
    const app = appIdOf(planned);
    const body: Record<string, unknown> = { slug: planned.slug_id };
    if (str(planned.oci_image)) body.oci_image = planned.oci_image;
    if (str(planned.description)) body.description = planned.description;
    const created = await ctx.client.post<ApiRelease>(`/apps/${app}/releases`, body);
    ctx.created(created.id);
    const done = await waitFor(`new release (${created.id}) to succeed`, () => ctx.client.get<ApiRelease>(`/apps/${app}/releases/${created.id}`), (r) => r.status !== "pending", 20 * 60_000);
    if (done.status !== "succeeded") throw new Error(`[ERROR] Error waiting for new release (${created.id}) to succeed: ${done.status}`);
    return releaseState(done);
  },

  async read(ctx, state) {
    const r = await orGone(ctx.client.get<ApiRelease>(`/apps/${appIdOf(state)}/releases/${encodeURIComponent(str(state.id) ?? "")}`));
    return r && releaseState(r);
  },

  async update(_ctx, prior, planned) {
    if (planned.description !== prior.description) throw new Error("you cannot update an existing release's description. Please create a new release instead");
    return planned;
  },

  async delete() {},

  async importState(ctx, id) {
    const [latest] = await ctx.client.page<ApiRelease>(`/apps/${encodeURIComponent(id)}/releases`, "version ..; max=1,order=desc");
    if (!latest?.current) throw new Error(`[ERROR] The latest release for app [${id}] is not current for some reason`);
    return releaseState(latest);
  },
};
