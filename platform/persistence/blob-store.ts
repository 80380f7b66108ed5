/**
 * Source blobs (uploaded tarballs), kept as files beside the platform's data.
 * Like Heroku's pre-signed S3 URLs, a blob URL carries a signature: anyone
 * holding it may PUT or GET that one blob, no API key needed, nothing else.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { closeIfBodyStillArriving, paced } from "../protocol/body-pace";

/** Sources larger than this are refused (Heroku's slug limit is 500 MB compressed; sources are far smaller). */
export const MAX_BLOB_BYTES = 100 * 1024 * 1024;

/** How an upload's temporary file ends its name; a blob id never does. */
const PARTIAL = ".part";

export class BlobStore {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly secret: string,
  ) {
    this.dir = join(dataDir, "blobs");
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // Left by uploads under way when the process was killed: nobody will finish them.
    for (const name of readdirSync(this.dir)) if (name.endsWith(PARTIAL)) rmSync(join(this.dir, name), { force: true });
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

  /**
   * A stream of the blob a URL of this platform names, if its signature is
   * right and it exists: builds read sources through it, never whole.
   */
  async openRead(url: string) {
    const id = this.verified(new URL(url, "http://platform"));
    return id ? (await this.open(id))?.createReadStream() : undefined;
  }

  /**
   * The blob's file, opened: undefined when there is none, so that a missing
   * blob is told apart from one that fails to read. Read through this one
   * handle, an upload renamed over it meanwhile does not mix in.
   */
  private open(id: string) {
    return open(join(this.dir, id), "r").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
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
    if (req.method === "GET") return this.download(id, res);
    if (req.method === "PUT") return this.upload(id, req, res);
    return reply(res, 405, "MethodNotAllowed");
  }

  /** Streams the blob: a source of up to 100 MB is never held in memory whole. */
  private async download(id: string, res: ServerResponse): Promise<true> {
    const file = await this.open(id);
    if (!file) return reply(res, 404, "NoSuchKey");
    const content = file.createReadStream();
    try {
      const { size } = await file.stat();
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": size });
      await pipeline(content, res);
    } catch (error) {
      content.destroy();
      // A client that leaves before the end is no failure of the platform's.
      if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
    }
    return true;
  }

  /**
   * Each upload writes a temporary file of its own, renamed over the blob
   * once complete: of two at once, the last to finish wins whole; one that
   * is too large, fails or is cut off leaves no file and the blob as it was.
   */
  private async upload(id: string, req: IncomingMessage, res: ServerResponse): Promise<true> {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BLOB_BYTES) return reply(res, 413, "EntityTooLarge");
    const partial = join(this.dir, `${id}.${randomUUID()}${PARTIAL}`);
    try {
      await pipeline(req, paced(), atMost(MAX_BLOB_BYTES), createWriteStream(partial, { flags: "wx", mode: 0o600 }));
    } catch (error) {
      rmSync(partial, { force: true });
      if (error instanceof TooLarge) return reply(res, 413, "EntityTooLarge");
      // The client went away mid-upload: there is nobody to answer.
      if (res.destroyed) return true;
      throw error;
    }
    renameSync(partial, join(this.dir, id));
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

class TooLarge extends Error {}

/** Passes a body through until it exceeds `limit` bytes, then fails the pipeline with TooLarge (internal helper). */
function atMost(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new TooLarge(`body over ${limit} bytes`) : null, chunk);
    },
  });
}

function reply(res: ServerResponse, status: number, code: string): true {
  closeIfBodyStillArriving(res);
  res.writeHead(status, { "Content-Type": "application/xml" });
  res.end(code ? `<Error><Code>${code}</Code></Error>` : "");
  return true;
}
