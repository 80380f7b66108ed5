/**
 * heroku_app_release: a release of an existing slug; heroku_slug: a slug
 * made from a prepared file. Releases and slugs cannot be deleted: destroying
 * the resources forgets them.
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, orGone, str, stringMap, waitFor } from "./common";

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
  forceNew: ["app_id", "slug_id", "oci_image"],

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

interface ApiSlug {
  id: string;
  blob: { method: string; url: string } | null;
  buildpack_provided_description: string | null;
  checksum: string | null;
  commit: string | null;
  commit_description: string | null;
  process_types: Record<string, string>;
  size: number | null;
  stack: { id: string; name: string };
}

function slugState(slug: ApiSlug, appId: unknown): ObjectValue {
  return {
    id: slug.id,
    app_id: appId as string,
    blob: slug.blob ? [{ method: slug.blob.method, url: slug.blob.url }] : [],
    buildpack_provided_description: slug.buildpack_provided_description,
    checksum: slug.checksum,
    commit: slug.commit,
    commit_description: slug.commit_description,
    process_types: slug.process_types,
    size: slug.size,
    stack_id: slug.stack.id,
    stack: slug.stack.name,
  };
}

const SLUG_INPUTS = ["app_id", "buildpack_provided_description", "checksum", "commit", "commit_description", "file_path", "file_url", "process_types", "stack"];

export const herokuSlug: ResourceType = {
  forceNew: SLUG_INPUTS,

  async create(ctx, planned) {
    const body: Record<string, unknown> = { process_types: stringMap(planned.process_types) };
    for (const name of ["buildpack_provided_description", "checksum", "commit", "commit_description", "stack"]) {
      if (str(planned[name])) body[name] = planned[name];
    }
    const slug = await ctx.client.post<ApiSlug>(`/apps/${appIdOf(planned)}/slugs`, body);
    ctx.created(slug.id);
    return { ...slugState(slug, planned.app_id), file_path: planned.file_path, file_url: planned.file_url };
  },

  async read(ctx, state) {
    const slug = await orGone(ctx.client.get<ApiSlug>(`/apps/${appIdOf(state)}/slugs/${encodeURIComponent(str(state.id) ?? "")}`));
    return slug && slugState(slug, state.app_id);
  },

  async delete() {},

  async importState(ctx, id) {
    const [app, slugId] = importParts(id, "<app>:<slug id>");
    const found = await ctx.client.get<{ id: string }>(`/apps/${encodeURIComponent(app)}`);
    return slugState(await ctx.client.get<ApiSlug>(`/apps/${found.id}/slugs/${encodeURIComponent(slugId)}`), found.id);
  },
};
