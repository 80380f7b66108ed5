import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { api, build, ok, platform, stopAll, tar, tarball } from "../platform/platform-harness";

/**
 * Sources that inflate to far more than they weigh (#15): a build reads its
 * source as a stream, keeping only the Procfile, and gives up once it has
 * inflated past 500 MB, failing with a message, never holding it in memory,
 * never reading it twice, and answering every other request meanwhile.
 */

const MB = 1024 * 1024;
const PROCFILE = { name: "Procfile", content: "web: node server.js\n" };

/** A tar header for a file of `size` bytes: the harness's, its size field and checksum rewritten, so that the content can be streamed (internal helper). */
function fileHeader(name: string, size: number): Buffer {
  const header = Buffer.from(tar([{ name }]).subarray(0, 512));
  header.write(size.toString(8).padStart(11, "0") + "\0", 124);
  header.fill(" ", 148, 156);
  const sum = header.reduce((a, b) => a + b, 0);
  header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return header;
}

/** Gzips bytes and runs of zeros (given as their length) as they stream: a gzip bomb is made without ever being held inflated (internal helper). */
async function gzipStreamed(parts: readonly (Buffer | number)[]): Promise<Buffer> {
  const zeros = Buffer.alloc(MB);
  function* inflated(): Generator<Buffer> {
    for (const part of parts) {
      if (typeof part !== "number") yield part;
      else for (let left = part; left > 0; left -= MB) yield zeros.subarray(0, Math.min(left, MB));
    }
  }
  const gzipped: Buffer[] = [];
  await pipeline(Readable.from(inflated()), createGzip(), async (out: AsyncIterable<Buffer>) => {
    for await (const chunk of out) gzipped.push(chunk);
  });
  return Buffer.concat(gzipped);
}

/** An archive's entries without its two end blocks, for more to follow (internal helper). */
const entriesOf = (archive: Buffer): Buffer => archive.subarray(0, archive.length - 1024);

/** The descriptions of shop's releases of a slug: those a build makes (internal helper). */
async function slugReleases(p: { url: string; apiKey: string }): Promise<string[]> {
  const releases: { description: string; slug: unknown }[] = await ok(p, "GET", "/apps/shop/releases");
  return releases.filter((r) => r.slug !== null).map((r) => r.description);
}

/** 560 MB of zeros after a valid Procfile: it would build, were it read whole. */
let bomb: Buffer;

beforeAll(async () => {
  bomb = await gzipStreamed([entriesOf(tar([PROCFILE])), fileHeader("data/zeros.bin", 560 * MB), 560 * MB, Buffer.alloc(1024)]);
});

const TOO_LARGE = "-----> Building on the dynoform embedded platform\n !     the source tarball is too large: it inflates to more than 500 MB (max is 500 MB)\n !     Build failed\n";

describe("embedded platform: sources that inflate to far more than they weigh", () => {
  it("fails a gzip bomb's build with the limit in its output, reading it without holding it, and answers the other requests", async () => {
    // GIVEN an app, and a build of a 560 MB gzip bomb of under 1 MB
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    expect(bomb.length).toBeLessThan(MB);
    const created = await build(p, "shop", bomb);
    const rssBefore = process.memoryUsage().rss;

    // WHEN the platform settles it, asked for the build, its output and other things at once
    const [done, output, ...others] = await Promise.all([
      ok(p, "GET", `/apps/shop/builds/${created.id}`),
      fetch(created.output_stream_url).then((res) => res.text()),
      api(p, "GET", "/apps/shop"),
      api(p, "GET", "/account"),
      api(p, "GET", "/apps/shop/formation"),
    ]);

    // THEN the build failed, saying why in its output
    expect(done).toMatchObject({ status: "failed", slug: null, release: null });
    expect(output).toBe(TOO_LARGE);
    // AND every other request was answered
    expect(others.map((res) => res.status)).toEqual([200, 200, 200]);
    // AND the process never held the source inflated: its peak memory grew by far less than the 500 MB read. A streaming
    // read leaves inflated chunks for the garbage collector, which V8 collects by 64 MB of them; twice that is the bound.
    const peakGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;
    expect(peakGrowth).toBeLessThan(128 * MB);
    // AND nothing of the bomb was released
    expect(await slugReleases(p)).toEqual([]);
    expect(await ok(p, "GET", "/apps/shop/formation")).toEqual([]);
  });

  it("fails a gzip bomb's build for good: a restarted platform does not read its source again", async () => {
    // GIVEN a bomb's build that failed
    const first = await platform();
    await ok(first, "POST", "/apps", { name: "shop" });
    const { source_blob } = await ok(first, "POST", "/apps/shop/sources");
    expect((await fetch(source_blob.put_url, { method: "PUT", body: bomb })).status).toBe(200);
    const created = await ok(first, "POST", "/apps/shop/builds", { source_blob: { url: source_blob.get_url, version: "v1" } });
    expect((await ok(first, "GET", `/apps/shop/builds/${created.id}`)).status).toBe("failed");
    // AND its source then replaced by one that builds
    expect((await fetch(source_blob.put_url, { method: "PUT", body: tarball([PROCFILE]) })).status).toBe(200);

    // WHEN the platform restarts and is asked for the build
    await stopAll();
    const p = await platform({ dataDir: first.dataDir });
    const after = await ok(p, "GET", `/apps/shop/builds/${created.id}`);

    // THEN it is still failed, and nothing was built from the source now at its URL
    expect(after).toMatchObject({ status: "failed", slug: null, release: null });
    expect(await slugReleases(p)).toEqual([]);
    expect(await ok(p, "GET", "/apps/shop/formation")).toEqual([]);
  });

  it("builds a large source under the limit once, when two requests settle it at once", async () => {
    // GIVEN an app, and a build of a 200 MB source whose Procfile comes after its largest file
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const source = await gzipStreamed([fileHeader("data/zeros.bin", 200 * MB), 200 * MB, tar([PROCFILE])]);
    const created = await build(p, "shop", source);

    // WHEN two requests for it come at once, both settling it
    const both = await Promise.all([ok(p, "GET", `/apps/shop/builds/${created.id}`), ok(p, "GET", `/apps/shop/builds/${created.id}`)]);

    // THEN it succeeded with the Procfile's types
    expect(both.map((b) => b.status)).toEqual(["succeeded", "succeeded"]);
    expect((await ok(p, "GET", `/apps/shop/slugs/${both[0].slug.id}`)).process_types).toEqual({ web: "node server.js" });
    // AND it was released once, not twice
    expect(await slugReleases(p)).toEqual(["Deploy v1"]);
    expect((await ok(p, "GET", "/apps/shop/formation")).map((f: { type: string }) => f.type)).toEqual(["web"]);
  });

  it.each([
    ["a Procfile of 2 MB", [{ name: "Procfile", content: `web: ${"x".repeat(2 * MB - 5)}` }], "refused Procfile: it is 2097152 bytes, and a Procfile may be at most 1048576 bytes"],
    ["a long name of 5,000 bytes", [{ name: "././@LongLink", type: "L", content: "a/".repeat(2500) }, PROCFILE], "refused an entry name of 5000 bytes: names are at most 4096 bytes"],
    ["a Procfile of 101 process types", [{ name: "Procfile", content: Array.from({ length: 101 }, (_, i) => `worker${i}: run\n`).join("") }], "refused Procfile: it declares more than 100 process types"],
  ])("fails the build of %s rather than hold it: a build keeps only so much of a source", async (_name, entries, reason) => {
    // GIVEN an app, and a source with an entry larger than a build keeps
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    // WHEN it is built
    const created = await build(p, "shop", tarball(entries));
    // THEN the build fails, saying which entry and why
    const done = await ok(p, "GET", `/apps/shop/builds/${created.id}`);
    expect(done).toMatchObject({ status: "failed", release: null });
    expect(await (await fetch(done.output_stream_url)).text()).toContain(` !     ${reason}\n`);
  });

  it("settles only its own build when its public output is asked for", async () => {
    // GIVEN two builds, both due, on a platform that has not settled them yet
    const first = await platform({ delays: { buildMs: 60_000 } });
    await ok(first, "POST", "/apps", { name: "shop" });
    const asked = await build(first, "shop", tarball([PROCFILE]));
    const other = await build(first, "shop", bomb);
    await stopAll();
    const file = join(first.dataDir, "platform.json");
    const data = JSON.parse(readFileSync(file, "utf8"));
    data.pending.builds = { [asked.id]: new Date(0).toISOString(), [other.id]: new Date(0).toISOString() };
    writeFileSync(file, JSON.stringify(data));
    const p = await platform({ dataDir: first.dataDir });

    // WHEN the output of one of them is fetched, without the API key
    const output = await fetch(asked.output_stream_url.replace(/^http:\/\/127\.0\.0\.1:\d+/, p.url));

    // THEN that build is settled and its output served
    expect(output.status).toBe(200);
    expect(await output.text()).toMatch(/declares types -> web/);
    // AND the other build is still pending, its source unread
    const pending = JSON.parse(readFileSync(file, "utf8")).pending.builds;
    expect(Object.keys(pending)).toEqual([other.id]);
    // AND the next API request settles it
    expect((await ok(p, "GET", `/apps/shop/builds/${other.id}`)).status).toBe("failed");
  });
});
