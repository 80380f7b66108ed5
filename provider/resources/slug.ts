/**
 * heroku_slug: a slug made from a prepared archive, `file_path` or an
 * https:// `file_url` (downloaded first), uploaded to the slug's blob, as
 * heroku/heroku 5.3.2 does it: the archive's SHA256 is the slug's checksum
 * unless one is configured, and a changed archive plans a replacement.
 * Slugs cannot be deleted: destroying the resource forgets it. Import id:
 * `<app>:<slug id>`.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { localPath } from "../engine/working-dir";
import { exchange, orGone, type Answer } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ConfigProblem, ResourceType } from "../engine/resource-type";
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

/** The real one's checksumSlug: `SHA256:<hex>` of the archive. */
function checksumSlug(archive: Buffer): string {
  return `SHA256:${createHash("sha256").update(archive).digest("hex")}`;
}

function readSlugFile(filePath: string): Buffer {
  try {
    return readFileSync(localPath(filePath));
  } catch (error) {
    throw new Error(`Error opening slug file_path: ${(error as Error).message}`);
  }
}

/** The archive behind `file_url`, with the real one's messages when it cannot be had. */
async function downloadSlug(url: string): Promise<Buffer> {
  let response: Answer;
  try {
    response = await exchange(new URL(url), "GET", {});
  } catch (error) {
    throw new Error(`Error downloading slug: ${(error as Error).message} (${url})`);
  }
  if (!response.ok) throw new Error(`Unsuccessful HTTP response from slug download: ${response.status} ${response.statusText} (${url})`);
  return response.body;
}

async function uploadSlug(archive: Buffer, method: string, url: string): Promise<void> {
  let response: Answer;
  try {
    response = await exchange(new URL(url), method.toUpperCase(), {}, archive);
  } catch (error) {
    throw new Error(`Error uploading slug: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`Unsuccessful HTTP response from slug upload: ${response.status} ${response.statusText}`);
}

export const herokuSlug: ResourceType = {
  forceNew: FORCE_NEW.heroku_slug,

  // validateFileUrl and ConflictsWith, with the plugin SDK's messages.
  validate(config) {
    const problems: ConfigProblem[] = [];
    const url = config.file_url;
    if (typeof url === "string" && url !== "" && !/^https:\/\//.test(url)) {
      problems.push({ path: ["file_url"], summary: `"file_url" must be a secure URL, start with \`https://\`. Value is ${JSON.stringify(url)}` });
    }
    if (typeof url === "string" && typeof config.file_path === "string") problems.push({ path: ["file_url"], summary: '"file_url": conflicts with file_path' });
    return problems;
  },

  // CustomizeDiff: a local archive whose content is not the planned checksum replaces the slug.
  customizePlan(prior, planned) {
    const filePath = str(planned.file_path);
    if (!filePath) return [];
    let real: string;
    try {
      real = checksumSlug(readFileSync(localPath(filePath)));
    } catch {
      return [];
    }
    if (planned.checksum === real) return [];
    planned.checksum = real;
    return prior ? ["checksum"] : [];
  },

  async create(ctx, planned) {
    const filePath = str(planned.file_path);
    const fileUrl = str(planned.file_url);
    const archive = filePath ? readSlugFile(filePath) : fileUrl ? await downloadSlug(fileUrl) : undefined;
    if (!archive) throw new Error("Error creating slug: requires either `file_path` or `file_url` attribute");
    const body: Record<string, unknown> = { process_types: stringMap(planned.process_types) };
    for (const name of ["buildpack_provided_description", "checksum", "commit", "commit_description", "stack"]) {
      if (str(planned[name])) body[name] = planned[name];
    }
    body.checksum ??= checksumSlug(archive);
    const slug = await ctx.client.post<ApiSlug>(`/apps/${appIdOf(planned)}/slugs`, body);
    // As the real one: uploaded before the id is kept, so a failed upload leaves nothing in state.
    if (slug.blob) await uploadSlug(archive, slug.blob.method, slug.blob.url);
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
