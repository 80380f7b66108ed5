/** Sources to upload, builds of them, and slugs made directly (heroku_slug). */
import type { Router } from "../protocol/router";
import { ApiError } from "../protocol/api-error";
import { findApp, recordsOf } from "../state/app-lookup";
import { buildRequest, parseBody, slugRequest } from "../state/request-shapes";
import { createBuild, findBuild, findSlugOfApp, newSlug, sourceBlob, type BuildContext } from "../state/builds";

/** A string field, or null (internal helper). */
function optional(body: Record<string, unknown>, field: string): string | null {
  return typeof body[field] === "string" ? (body[field] as string) : null;
}

export function buildRoutes(router: Router, ctx: BuildContext): void {
  const { store } = ctx;
  router.add("POST", "/sources", () => ({ status: 201, body: { source_blob: sourceBlob(ctx) } }));
  router.add("POST", "/apps/{app}/sources", ({ params }) => {
    store.read((d) => findApp(d, params.app));
    return { status: 201, body: { source_blob: sourceBlob(ctx) } };
  });

  router.add("POST", "/apps/{app}/builds", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const blob = (body.source_blob ?? {}) as Record<string, unknown>;
      if (typeof blob.url !== "string" || blob.url === "") throw ApiError.invalidParams("source_blob.url is required");
      const buildpacks = Array.isArray(body.buildpacks) ? (body.buildpacks as unknown[]) : [];
      if (buildpacks.some((b) => typeof b !== "object" || b === null)) throw ApiError.invalidParams("buildpacks must be objects: [{\"url\": \"heroku/nodejs\"}]");
      parseBody(buildRequest, body);
      const build = createBuild(data, ctx, app, {
        sourceUrl: blob.url,
        checksum: optional(blob, "checksum"),
        version: optional(blob, "version"),
        buildpacks: buildpacks as { url?: string; name?: string }[],
      });
      return { status: 201, body: build };
    }),
  );
  router.add("GET", "/apps/{app}/builds", ({ params }) => ({ body: store.read((d) => recordsOf(d, findApp(d, params.app), "builds")) }));
  router.add("GET", "/apps/{app}/builds/{build}", ({ params }) => ({ body: store.read((d) => findBuild(d, findApp(d, params.app), params.build)) }));

  router.add("POST", "/apps/{app}/slugs", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      parseBody(slugRequest, body);
      const types = body.process_types;
      if (!types || typeof types !== "object") throw ApiError.invalidParams("process_types is required");
      const slug = newSlug(data, ctx, app, types as Record<string, string>, "put", {
        checksum: optional(body, "checksum"),
        commit: optional(body, "commit"),
        commit_description: optional(body, "commit_description"),
        buildpack_provided_description: optional(body, "buildpack_provided_description"),
      });
      return { status: 201, body: slug };
    }),
  );
  router.add("GET", "/apps/{app}/slugs/{slug}", ({ params }) => ({ body: store.read((d) => findSlugOfApp(d, findApp(d, params.app), params.slug)) }));
}
