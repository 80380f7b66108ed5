/**
 * heroku_build: builds source (a local directory or tarball, or a URL) into
 * a slug and release. A local source is uploaded to a source blob first; the
 * plan replaces the build whenever the local source's checksum changes.
 * Builds cannot be deleted: destroying the resource forgets it.
 */
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { exchange, orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { ProviderError } from "../engine/diagnostics";
import { localPath } from "../engine/working-dir";
import { directoryTarball, sourceChecksum } from "./build-source";
import { appIdOf, importParts, str, stringList } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { waitFor } from "./platform-timing";

interface ApiBuild {
  id: string;
  app: { id: string };
  status: "pending" | "succeeded" | "failed";
  buildpacks: { url: string; name?: string }[] | null;
  output_stream_url: string | null;
  release: { id: string } | null;
  slug: { id: string } | null;
  source_blob: { checksum: string | null; url: string; version: string | null };
  stack: string;
  user: { id: string; email: string };
}

function sourceOf(state: ObjectValue): ObjectValue {
  const list = state.source;
  return Array.isArray(list) && list.length > 0 ? ({ ...(list[0] as ObjectValue) } as ObjectValue) : {};
}

function toState(build: ApiBuild, state: ObjectValue): ObjectValue {
  const source = sourceOf(state);
  if (!str(source.path)) {
    if (build.source_blob.checksum) source.checksum = build.source_blob.checksum;
    if (build.source_blob.url) source.url = build.source_blob.url;
  }
  if (build.source_blob.version) source.version = build.source_blob.version;
  return {
    id: build.id,
    uuid: build.id,
    app_id: build.app.id,
    buildpacks: (build.buildpacks ?? []).map((b) => b.url),
    output_stream_url: build.output_stream_url,
    release_id: build.release?.id ?? null,
    slug_id: build.slug?.id ?? null,
    source: [source],
    stack: build.stack,
    status: build.status,
    user: [{ id: build.user.id, email: build.user.email }],
  };
}

/** Uploads a local source to a new source blob; its get URL is what the build reads (internal helper). */
async function uploadSource(ctx: ResourceContext, path: string): Promise<string> {
  const data = lstatSync(path).isDirectory() ? directoryTarball(path) : readFileSync(path);
  const { source_blob } = await ctx.client.post<{ source_blob: { get_url: string; put_url: string } }>("/sources", {});
  const response = await exchange(new URL(source_blob.put_url), "PUT", {}, data);
  if (!response.ok) throw new Error(`Error uploading source for build to ${source_blob.put_url}: Unsuccessful HTTP response from source upload: ${response.status}`);
  return source_blob.get_url;
}

async function buildLog(url: string | null): Promise<string> {
  if (!url) return "";
  try {
    return (await exchange(new URL(url), "GET", {})).body.toString("utf8");
  } catch {
    return "(the build log could not be fetched)";
  }
}

export const herokuBuild: ResourceType = {
  forceNew: FORCE_NEW.heroku_build,

  validate(config) {
    const source = sourceOf(config);
    const problems = [];
    if (str(source.checksum) && str(source.path)) {
      problems.push({ path: ["source", 0, "checksum"], summary: "source.checksum should be empty when source.path is set (checksum is auto-generated)" });
    }
    const url = str(source.url);
    // validateSourceUrl, keyed by the SDK's address of the attribute and quoted as Go's %q does
    if (url && !/^https:\/\//.test(url)) problems.push({ path: ["source", 0, "url"], summary: `"source.0.url" must be a secure URL, start with \`https://\`. Value is ${JSON.stringify(url)}` });
    return problems;
  },

  customizePlan(prior, planned) {
    const given = str(sourceOf(planned).path);
    if (!given) return [];
    const path = localPath(given);
    if (!existsSync(path)) throw new ProviderError(`Error stating build source path ${given}: no such file or directory`, undefined, ["source", 0, "path"]);
    const checksum = sourceChecksum(path);
    planned.local_checksum = checksum;
    return prior && prior.local_checksum !== checksum ? ["local_checksum"] : [];
  },

  async create(ctx, planned) {
    const app = appIdOf(planned);
    const buildpacks = stringList(planned.buildpacks);
    if (buildpacks.length > 0) await ctx.client.get(`/apps/${app}`);
    const source = sourceOf(planned);
    const given = str(source.path);
    const path = given === undefined ? undefined : localPath(given);
    const blob: Record<string, string> = {};
    let checksum: string | null = null;
    if (str(source.checksum)) blob.checksum = source.checksum as string;
    if (str(source.version)) blob.version = source.version as string;
    if (path) {
      checksum = sourceChecksum(path);
      blob.url = await uploadSource(ctx, path);
      if (!lstatSync(path).isDirectory()) blob.checksum = checksum;
    } else if (str(source.url)) {
      blob.url = source.url as string;
    } else {
      throw new ProviderError("Build requires either source.path or source.url", undefined, ["source"]);
    }
    const body: Record<string, unknown> = { source_blob: blob };
    if (buildpacks.length > 0) body.buildpacks = buildpacks.map((url) => ({ url }));
    const created = await ctx.client.post<ApiBuild>(`/apps/${app}/builds`, body);
    ctx.created(created.id);
    const done = await waitFor(
      `build ${created.id}`,
      () => ctx.client.get<ApiBuild>(`/apps/${app}/builds/${created.id}`),
      (b) => b.status !== "pending",
      26 * 3_600_000,
    );
    if (done.status === "failed") {
      throw new Error(`Build failed (app: ${planned.app_id}), complete build log follows:\n${await buildLog(done.output_stream_url)}\n(End of build log)`);
    }
    const build = await ctx.client.get<ApiBuild>(`/apps/${app}/builds/${created.id}`);
    return { ...toState(build, planned), local_checksum: checksum };
  },

  async read(ctx, state) {
    const build = await orGone(ctx.client.get<ApiBuild>(`/apps/${appIdOf(state)}/builds/${encodeURIComponent(str(state.id) ?? "")}`));
    return build && toState(build, state);
  },

  async delete() {},

  async importState(ctx, id) {
    const [app, buildId] = importParts(id, "<app>:<build id>");
    const build = await ctx.client.get<ApiBuild>(`/apps/${encodeURIComponent(app)}/builds/${encodeURIComponent(buildId)}`);
    return toState(build, {});
  },
};
