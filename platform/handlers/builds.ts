/**
 * Sources, builds and slugs. A build is `pending` when created and finishes
 * a moment later (see `settle.ts`): it reads the uploaded tarball's Procfile,
 * makes a slug with those process types and a release of it — the release
 * that lets the formation scale them. A slug can also be made directly and
 * released (heroku_slug, heroku_app_release).
 */
import { randomUUID } from "node:crypto";
import type { BlobStore } from "../persistence/blob-store";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, BuildRecord, PlatformData, SlugRecord } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp, recordsOfApp } from "./apps";
import { syncFormation } from "./formation";
import { recordRelease } from "./releases";
import { readSource, SourceError } from "./source-tarball";

/** How the build handlers reach the rest of the platform. */
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

export function findBuild(data: Readonly<PlatformData>, app: AppRecord, id: string): BuildRecord {
  const build = data.builds.find((b) => b.id === id && b.app.id === app.id);
  if (!build) throw ApiError.notFound("build");
  return build;
}

/** A slug of an app; its blob is where its archive is read (`get`, a built slug) or uploaded (`put`, heroku_slug). */
function newSlug(data: PlatformData, ctx: BuildContext, app: AppRecord, processTypes: Record<string, string>, method: "get" | "put", extra: Partial<SlugRecord> = {}): SlugRecord {
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

/** Finishes a pending build: reads its source and releases it, or fails it with the reason in its log. */
export function finishBuild(data: PlatformData, build: BuildRecord, ctx: BuildContext): void {
  const app = data.apps.find((a) => a.id === build.app.id);
  if (!app) return;
  const log: string[] = ["-----> Building on the dynoform embedded platform"];
  build.updated_at = new Date().toISOString();
  try {
    const tarball = ctx.blobs.read(build.source_blob.url);
    if (!tarball) throw new SourceError(`could not fetch the source from ${build.source_blob.url}: the embedded platform reads only its own source blobs`);
    const { processTypes } = readSource(tarball);
    log.push(`-----> Procfile declares types -> ${Object.keys(processTypes).join(", ") || "(none)"}`);
    const slug = newSlug(data, ctx, app, processTypes, "get", { checksum: build.source_blob.checksum, size: tarball.length });
    const release = recordRelease(data, app, `Deploy ${build.source_blob.version ?? build.id.slice(0, 8)}`, { id: slug.id });
    syncFormation(data, app, processTypes);
    build.slug = { id: slug.id };
    build.release = { id: release.id };
    build.status = "succeeded";
    log.push(`-----> Released v${release.version}`);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    build.status = "failed";
    log.push(` !     ${error.message}`, " !     Build failed");
  }
  ctx.logs.set(build.id, log.join("\n") + "\n");
}

export function buildRoutes(router: Router, ctx: BuildContext): void {
  const { store } = ctx;
  const blobUrls = () => {
    const id = randomUUID();
    const url = ctx.baseUrl() + ctx.blobs.path(id);
    return { source_blob: { get_url: url, put_url: url } };
  };
  router.add("POST", "/sources", () => ({ status: 201, body: blobUrls() }));
  router.add("POST", "/apps/{app}/sources", ({ params }) => {
    store.read((d) => findApp(d, params.app));
    return { status: 201, body: blobUrls() };
  });

  router.add("POST", "/apps/{app}/builds", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const blob = (body.source_blob ?? {}) as Record<string, unknown>;
      if (typeof blob.url !== "string" || blob.url === "") throw ApiError.invalidParams("source_blob.url is required");
      const now = new Date();
      const buildpacks = Array.isArray(body.buildpacks) ? (body.buildpacks as unknown[]) : [];
      if (buildpacks.some((b) => typeof b !== "object" || b === null)) throw ApiError.invalidParams("buildpacks must be objects: [{\"url\": \"heroku/nodejs\"}]");
      const id = randomUUID();
      const build: BuildRecord = {
        id,
        app: { id: app.id },
        buildpacks: (buildpacks as { url?: string; name?: string }[]).map((b) => ({ url: b.url ?? b.name ?? "", name: b.name ?? b.url ?? "" })),
        output_stream_url: `${ctx.baseUrl()}/build-output/${id}`,
        release: null,
        slug: null,
        source_blob: {
          checksum: typeof blob.checksum === "string" ? blob.checksum : null,
          url: blob.url,
          version: typeof blob.version === "string" ? blob.version : null,
          version_description: null,
        },
        stack: app.build_stack.name,
        status: "pending",
        user: { id: data.account.id, email: data.account.email },
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      data.builds.push(build);
      data.pending.builds[id] = new Date(now.getTime() + ctx.buildMs).toISOString();
      return { status: 201, body: build };
    }),
  );
  router.add("GET", "/apps/{app}/builds", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "builds")) }));
  router.add("GET", "/apps/{app}/builds/{build}", ({ params }) => ({
    body: store.read((d) => findBuild(d, findApp(d, params.app), params.build)),
  }));

  router.add("POST", "/apps/{app}/slugs", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const types = body.process_types;
      if (!types || typeof types !== "object") throw ApiError.invalidParams("process_types is required");
      const pick = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : null);
      const slug = newSlug(data, ctx, app, types as Record<string, string>, "put", {
        checksum: pick("checksum"),
        commit: pick("commit"),
        commit_description: pick("commit_description"),
        buildpack_provided_description: pick("buildpack_provided_description"),
      });
      return { status: 201, body: slug };
    }),
  );
  router.add("GET", "/apps/{app}/slugs/{slug}", ({ params }) => ({
    body: store.read((d) => {
      const app = findApp(d, params.app);
      // An app sees its own slugs and those released on it (promoted or copied from another app).
      const released = (d.releases[app.id] ?? []).some((r) => r.slug?.id === params.slug);
      const slug = d.slugs.find((s) => s.id === params.slug && (s.app.id === app.id || released));
      if (!slug) throw ApiError.notFound("slug");
      return slug;
    }),
  }));

  router.add("POST", "/apps/{app}/releases", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      // Any slug of the account may be released, as Heroku allows copying a slug between apps.
      const slug = data.slugs.find((s) => s.id === body.slug);
      if (!slug) throw ApiError.notFound("slug");
      const release = recordRelease(data, app, typeof body.description === "string" ? body.description : `Deploy ${slug.id.slice(0, 8)}`, {
        id: slug.id,
      });
      syncFormation(data, app, slug.process_types);
      return { status: 201, body: release };
    }),
  );
}
