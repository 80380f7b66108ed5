/** Shared by the platform tests: a platform per test on a fresh data dir, its API, and source tarballs. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach } from "vitest";
import { startPlatform, type PlatformOptions, type RunningPlatform } from "../../platform";

const running: RunningPlatform[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

/** Asynchronous work finishes at once unless a test asks otherwise: the next request settles it. */
const NO_DELAYS = { buildMs: 0, provisionMs: 0, promotionMs: 0 };

export async function platform(options: Partial<PlatformOptions> = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "dynoform-platform-"));
  const p = await startPlatform({ port: 0, delays: NO_DELAYS, ...options, dataDir });
  running.push(p);
  return { ...p, dataDir };
}

/** Stops the platforms started so far (to restart one on the same data). */
export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((p) => p.close()));
}

/** A Platform API answer whose JSON the tests read loosely. */
export type ApiResponse = Omit<Response, "json"> & { json(): Promise<any> };

export function api(p: { url: string; apiKey: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return fetch(`${p.url}${path}`, {
    method,
    headers: {
      Accept: "application/vnd.heroku+json; version=3",
      Authorization: `Bearer ${p.apiKey}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The JSON of a call that must succeed. */
export async function ok(p: { url: string; apiKey: string }, method: string, path: string, body?: unknown): Promise<any> {
  const res = await api(p, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

export interface TarEntry {
  readonly name: string;
  readonly content?: string;
  /** tar type flag: "0" file (default), "1" hard link, "2" symbolic link, "5" directory */
  readonly type?: string;
  /** What a link points at. */
  readonly linkname?: string;
}

/** An uncompressed ustar archive (with its two end blocks), to gzip, cut or corrupt. */
export function tar(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content ?? "");
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100);
    header.write("0000644\0", 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(data.length.toString(8).padStart(11, "0") + "\0", 124);
    header.write("00000000000\0", 136);
    header.write(entry.type ?? "0", 156);
    header.write(entry.linkname ?? "", 157, 100);
    header.write("ustar\0" + "00", 257);
    header.fill(" ", 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A gzipped ustar archive of the given entries. */
export function tarball(entries: readonly TarEntry[]): Buffer {
  return gzipSync(tar(entries));
}

/** Uploads a tarball the way the provider does and builds it; answers the build as created (pending). */
export async function build(p: { url: string; apiKey: string }, app: string, source: Buffer): Promise<any> {
  const { source_blob } = await ok(p, "POST", `/apps/${app}/sources`);
  const put = await fetch(source_blob.put_url, { method: "PUT", body: source });
  if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
  return ok(p, "POST", `/apps/${app}/builds`, { source_blob: { url: source_blob.get_url, version: "v1" } });
}

/** An app with a released slug declaring these process types. */
export async function releasedApp(p: { url: string; apiKey: string }, name: string, procfile = "web: node server.js\nworker: node worker.js\n"): Promise<any> {
  const app = await ok(p, "POST", "/apps", { name });
  await build(p, name, tarball([{ name: "Procfile", content: procfile }]));
  return app;
}

/** The newest release's description (lists come sorted by id, as Heroku's default Range does). */
export async function lastRelease(p: { url: string; apiKey: string }, app: string): Promise<string> {
  const releases: { version: number; description: string }[] = await ok(p, "GET", `/apps/${app}/releases`);
  return releases.reduce((a, b) => (b.version > a.version ? b : a)).description;
}
