/**
 * Sources, builds and slugs. A build is `pending` when created and finishes
 * once settled: it reads the uploaded tarball's Procfile, makes a slug with
 * those process types and a release of it — the release that lets the
 * formation scale them. A slug can also be made directly and released
 * (heroku_slug, heroku_app_release).
 */
import { randomUUID } from "node:crypto";
import type { BlobStore } from "../persistence/blob-store";
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import { appOf } from "./app-lookup";
import { syncFormation } from "./formation";
import type { AppRecord, BuildRecord, PlatformData, ReleaseRecord, SlugRecord } from "./records";
import { recordRelease, releasesOf } from "./releases";
import { readSource, SourceError, type SourceReading } from "./source-tarball";

/** What builds need beyond the records. */
export interface BuildContext {
  readonly store: JsonStore<PlatformData>;
  readonly blobs: BlobStore;
  /** The platform's own URL, known once it listens. */
  readonly baseUrl: () => string;
  /** How long a build stays pending. */
  readonly buildMs: number;
  /** Build logs by build id (kept in memory: they are served while the platform runs). */
  readonly logs: Map<string, string>;
}

/** What a client sends to start a build. */
export interface BuildRequest {
  readonly sourceUrl: string;
  readonly checksum: string | null;
  readonly version: string | null;
  readonly buildpacks: readonly { url?: string; name?: string }[];
}

/** A signed URL pair to upload a source to and build it from. */
export function sourceBlob(ctx: BuildContext): { get_url: string; put_url: string } {
  const url = ctx.baseUrl() + ctx.blobs.path(randomUUID());
  return { get_url: url, put_url: url };
}

export function findBuild(data: Readonly<PlatformData>, app: AppRecord, id: string): BuildRecord {
  const build = data.builds.find((b) => b.id === id && b.app.id === app.id);
  if (!build) throw ApiError.notFound("build");
  return build;
}

/** A slug of an app; its blob is where its archive is read (`get`, a built slug) or uploaded (`put`, heroku_slug). */
export function newSlug(data: PlatformData, ctx: BuildContext, app: AppRecord, processTypes: Record<string, string>, method: "get" | "put", extra: Partial<SlugRecord> = {}): SlugRecord {
  const now = new Date().toISOString();
  const id = randomUUID();
  const slug: SlugRecord = {
    id,
    app: { id: app.id },
    blob: { method, url: ctx.baseUrl() + ctx.blobs.path(id) },
    buildpack_provided_description: null,
    checksum: null,
    commit: null,
    commit_description: null,
    process_types: processTypes,
    size: null,
    stack: { ...app.build_stack },
    created_at: now,
    updated_at: now,
    ...extra,
  };
  data.slugs.push(slug);
  return slug;
}

/** An app sees its own slugs and those released on it (promoted or copied from another app). */
export function findSlugOfApp(data: Readonly<PlatformData>, app: AppRecord, id: string): SlugRecord {
  const released = releasesOf(data, app).some((r) => r.slug?.id === id);
  const slug = data.slugs.find((s) => s.id === id && (s.app.id === app.id || released));
  if (!slug) throw ApiError.notFound("slug");
  return slug;
}

/** Releases a slug on an app, its process types joining the formation. Any slug of the account may be: Heroku allows copying slugs between apps. */
export function releaseSlug(data: PlatformData, app: AppRecord, slugId: unknown, description: string | undefined): ReleaseRecord {
  const slug = data.slugs.find((s) => s.id === slugId);
  if (!slug) throw ApiError.notFound("slug");
  const release = recordRelease(data, app, description ?? `Deploy ${slug.id.slice(0, 8)}`, { id: slug.id });
  syncFormation(data, app, slug.process_types);
  return release;
}

/** A pending build of an uploaded source, due `ctx.buildMs` later. */
export function createBuild(data: PlatformData, ctx: BuildContext, app: AppRecord, request: BuildRequest): BuildRecord {
  const now = new Date();
  const id = randomUUID();
  const build: BuildRecord = {
    id,
    app: { id: app.id },
    buildpacks: request.buildpacks.map((b) => ({ url: b.url ?? b.name ?? "", name: b.name ?? b.url ?? "" })),
    output_stream_url: `${ctx.baseUrl()}/build-output/${id}`,
    release: null,
    slug: null,
    source_blob: { checksum: request.checksum, url: request.sourceUrl, version: request.version, version_description: null },
    stack: app.build_stack.name,
    status: "pending",
    user: { id: data.account.id, email: data.account.email },
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  data.builds.push(build);
  data.pending.builds[id] = new Date(now.getTime() + ctx.buildMs).toISOString();
  return build;
}

const BANNER = "-----> Building on the dynoform embedded platform";

/** What reading a build's source came to: a SourceError fails the build, any other error is a bug. */
export type SourceOutcome = PromiseSettledResult<SourceReading>;

/**
 * The source reads under way, by build id, per platform: a request that finds
 * a build's source being read waits for that read instead of starting another.
 */
const readsUnderWay = new WeakMap<BuildContext, Map<string, Promise<SourceOutcome>>>();

/**
 * Reads a pending build's source, streaming, outside any change to the
 * records (it takes a while); settle then applies the outcome with finishBuild.
 */
export function readBuildSource(ctx: BuildContext, buildId: string): Promise<SourceOutcome> {
  const reads = readsUnderWay.get(ctx) ?? new Map<string, Promise<SourceOutcome>>();
  readsUnderWay.set(ctx, reads);
  const underWay = reads.get(buildId);
  if (underWay) return underWay;
  const url = ctx.store.read((data) => data.builds.find((b) => b.id === buildId)?.source_blob.url);
  const read = readSourceAt(ctx, url)
    .then(
      (value): SourceOutcome => ({ status: "fulfilled", value }),
      (reason: unknown): SourceOutcome => ({ status: "rejected", reason }),
    )
    .finally(() => reads.delete(buildId));
  reads.set(buildId, read);
  return read;
}

/** The source a build names, read from this platform's blobs (internal helper). */
async function readSourceAt(ctx: BuildContext, url: string | undefined): Promise<SourceReading> {
  const tarball = url === undefined ? undefined : await ctx.blobs.openRead(url);
  if (!tarball) throw new SourceError(`could not fetch the source from ${url}: the embedded platform reads only its own source blobs`);
  return readSource(tarball);
}

/** Finishes a pending build from what its source came to: releases it, or fails it with the reason in its log (called by settle). */
export function finishBuild(data: PlatformData, build: BuildRecord, ctx: BuildContext, source: SourceOutcome): void {
  if (source.status === "rejected") {
    if (!(source.reason instanceof SourceError)) throw source.reason;
    return failBuild(build, ctx, source.reason.message);
  }
  const app = appOf(data, build.app);
  const { processTypes, size } = source.value;
  const slug = newSlug(data, ctx, app, processTypes, "get", { checksum: build.source_blob.checksum, size });
  const release = recordRelease(data, app, `Deploy ${build.source_blob.version ?? build.id.slice(0, 8)}`, { id: slug.id });
  syncFormation(data, app, processTypes);
  build.slug = { id: slug.id };
  build.release = { id: release.id };
  build.status = "succeeded";
  build.updated_at = new Date().toISOString();
  ctx.logs.set(build.id, [BANNER, `-----> Procfile declares types -> ${Object.keys(processTypes).join(", ") || "(none)"}`, `-----> Released v${release.version}`].join("\n") + "\n");
}

/** A build that ends without a release, saying why in its output. */
export function failBuild(build: BuildRecord, ctx: BuildContext, reason: string): void {
  build.status = "failed";
  build.updated_at = new Date().toISOString();
  ctx.logs.set(build.id, [BANNER, ` !     ${reason}`, " !     Build failed"].join("\n") + "\n");
}
