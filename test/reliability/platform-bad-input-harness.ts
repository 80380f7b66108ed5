/** For the bad-input corpus: requests whose every byte and header the test chooses, raw tar archives, and the platform's data file. */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const VERSION_3 = "application/vnd.heroku+json; version=3";

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Sent as is, never re-encoded. */
  readonly body?: string | Buffer;
  /** Without Content-Length, in chunks (Transfer-Encoding: chunked). */
  readonly chunked?: boolean;
  /** Headers to send; a null value leaves that header out. Authorization, Accept and Content-Type default to a good key, version 3 and JSON. */
  readonly headers?: Record<string, string | null>;
}

export interface RawResponse {
  readonly status: number;
  readonly body: unknown;
}

/** One request over a fresh connection, answered with its status and its parsed JSON body. */
export function send(p: { url: string; apiKey: string }, req: RawRequest): Promise<RawResponse> {
  const url = new URL(p.url + req.path);
  const wanted: Record<string, string | null> = {
    Authorization: `Bearer ${p.apiKey}`,
    Accept: VERSION_3,
    "Content-Type": req.body === undefined ? null : "application/json",
    ...req.headers,
  };
  const headers = Object.fromEntries(Object.entries(wanted).filter((e): e is [string, string] => e[1] !== null));
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  if (body && !req.chunked) headers["Content-Length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = request({ host: url.hostname, port: url.port, path: url.pathname, method: req.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text) });
      });
    });
    out.on("error", reject);
    if (!body) return void out.end();
    // Written in pieces, waiting for the socket, so that a large body really streams.
    let offset = 0;
    const write = (): void => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + 64 * 1024);
        offset += piece.length;
        if (!out.write(piece)) return void out.once("drain", write);
      }
      out.end();
    };
    write();
  });
}

/** The exact bytes of the platform's data file. */
export function dataFile(dataDir: string): Buffer {
  return readFileSync(join(dataDir, "platform.json"));
}

export const gzip = (bytes: Buffer): Buffer => gzipSync(bytes);
