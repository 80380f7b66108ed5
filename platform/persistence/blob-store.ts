/**
 * Source blobs (uploaded tarballs), kept as files beside the platform's data.
 * Like Heroku's pre-signed S3 URLs, a blob URL carries a signature: anyone
 * holding it may PUT or GET that one blob, no API key needed, nothing else.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

/** Sources larger than this are refused (Heroku's slug limit is 500 MB compressed; sources are far smaller). */
export const MAX_BLOB_BYTES = 100 * 1024 * 1024;

export class BlobStore {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly secret: string,
  ) {
    this.dir = join(dataDir, "blobs");
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** The signed path of a blob, served by `handle`. */
  path(id: string): string {
    return `/blobs/${id}?sig=${this.signature(id)}`;
  }

  /** The blob a URL of this platform names, if its signature is right. */
  read(url: string): Buffer | undefined {
    const parsed = new URL(url, "http://platform");
    const id = this.verified(parsed);
    return id && existsSync(join(this.dir, id)) ? readFileSync(join(this.dir, id)) : undefined;
  }

  remove(id: string): void {
    rmSync(join(this.dir, id), { force: true });
  }

  /** Serves `PUT|GET /blobs/{id}?sig=…`; false when the request is not for a blob. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://platform");
    if (!url.pathname.startsWith("/blobs/")) return false;
    const id = this.verified(url);
    if (!id) return reply(res, 403, "SignatureDoesNotMatch");
    const file = join(this.dir, id);
    if (req.method === "GET") {
      if (!existsSync(file)) return reply(res, 404, "NoSuchKey");
      const data = readFileSync(file);
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": data.length });
      res.end(data);
      return true;
    }
    if (req.method !== "PUT") return reply(res, 405, "MethodNotAllowed");
    if (Number(req.headers["content-length"] ?? 0) > MAX_BLOB_BYTES) return reply(res, 413, "EntityTooLarge");
    // Written beside, then renamed: a reader never sees half an upload.
    const partial = `${file}.${process.pid}.part`;
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BLOB_BYTES) req.destroy(new Error("too large"));
    });
    try {
      await pipeline(req, createWriteStream(partial, { mode: 0o600 }));
    } catch {
      rmSync(partial, { force: true });
      return reply(res, 413, "EntityTooLarge");
    }
    renameSync(partial, file);
    return reply(res, 200, "");
  }

  private signature(id: string): string {
    return createHmac("sha256", this.secret).update(`blob:${id}`).digest("hex");
  }

  private verified(url: URL): string | undefined {
    const id = /^\/blobs\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
    const given = Buffer.from(url.searchParams.get("sig") ?? "");
    if (!id) return undefined;
    const expected = Buffer.from(this.signature(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }
}

function reply(res: ServerResponse, status: number, code: string): true {
  res.writeHead(status, { "Content-Type": "application/xml" });
  res.end(code ? `<Error><Code>${code}</Code></Error>` : "");
  return true;
}
