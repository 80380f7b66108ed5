/**
 * The buildpack registry's read side, which the heroku CLI asks (at
 * HEROKU_BUILDPACK_REGISTRY_URL) before `buildpacks:add heroku/python`:
 * public, like Heroku's, and knowing the official buildpacks only.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { buildpackBlobUrl, OFFICIAL_BUILDPACKS } from "../../vocabulary";
import { stableId } from "../state/stable-id";

export function serveBuildpackRegistry(req: IncomingMessage, res: ServerResponse): boolean {
  const match = /^\/buildpacks\/([^/]+)$/.exec(new URL(req.url ?? "/", "http://platform").pathname);
  if (!match || req.method !== "GET") return false;
  const name = decodeURIComponent(match[1]);
  const known = OFFICIAL_BUILDPACKS.includes(name);
  const [namespace, short] = name.split("/");
  const body = known
    ? { id: stableId("buildpack", name), namespace, name: short, blob_url: buildpackBlobUrl(name), support: { state: "supported" } }
    : { id: "not_found", message: `Couldn't find that buildpack.` };
  res.writeHead(known ? 200 : 404, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
  return true;
}
