/**
 * heroku_slug: a slug made from a prepared file. Slugs cannot be deleted:
 * destroying the resource forgets it. Import id: `<app>:<slug id>`.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, str, stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

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

export const herokuSlug: ResourceType = {
  forceNew: FORCE_NEW.heroku_slug,

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
