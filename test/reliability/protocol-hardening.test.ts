import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { request, type ClientRequest } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_BLOB_BYTES } from "../../platform/persistence/blob-store";
import { api, ok, platform, stopAll } from "../platform/platform-harness";
import { send, type RawRequest } from "./platform-bad-input-harness";

/**
 * Hardening (#15): malformed paths, odd headers and absurd Range headers are
 * answered 400 (401 for a key that is not exactly the key) in Heroku's
 * `{id, message}`, never a 500; the routes served without the key have a
 * rate limit of their own; concurrent and broken blob uploads never mix or
 * leave debris. After every case the platform still answers a normal
 * request, and starts again on its data dir.
 */

type Platform = Awaited<ReturnType<typeof platform>>;

const UNAUTHORIZED = { id: "unauthorized", message: "Invalid credentials provided." };
/** Heroku's, quoted in martyzz1/heroku3.py#12 (the trailing space is Heroku's). */
const UNREADABLE_RANGE = { id: "bad_request", message: "Invalid `Range` header. Please use format like `id ..; max=10, order=desc`. " };
/** Heroku's, quoted in heroku/cli#1674, for a Range without a field. */
const NO_RANGE_FIELD = { id: "requested_range_not_satisfiable", message: "Requested range order is not allowed, please try `id` or another specified in `Accept-Ranges`." };
const RATE_LIMITED = { id: "rate_limit", message: "Your account reached the API rate limit\nPlease wait a few minutes before making new requests" };
const notPercentEncoding = (path: string) => ({ id: "bad_request", message: `path "${path}" is not valid percent-encoding` });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks the platform answers a normal request, then that it starts again on its data dir and answers there too. */
async function expectStillServing(p: Platform): Promise<void> {
  expect((await api(p, "GET", "/apps")).status).toBe(200);
  await stopAll();
  const again = await platform({ dataDir: p.dataDir });
  expect((await api(again, "GET", "/apps")).status).toBe(200);
}

/** Waits until `ready` holds, looking again every few ms; only the test's own time limit bounds it. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 10));
}

interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: unknown;
}

/** Bytes written as they are to a fresh connection, and what comes back until the server closes it. */
function exchange(p: Platform, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(p.url).port), "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, body] = text.split("\r\n\r\n", 2);
      resolve({ status: Number(head.split(" ")[1]), headers: head, body: body ? JSON.parse(body) : undefined });
    });
    socket.write(bytes);
  });
}

describe("protocol hardening: paths, headers and Range", () => {
  const cases: [string, (key: string) => RawRequest, number, unknown][] = [
    ["a truncated percent-escape in an app name", () => ({ method: "GET", path: "/apps/%E0%A4%A" }), 400, notPercentEncoding("/apps/%E0%A4%A")],
    ["a percent-escape of non-hex digits", () => ({ method: "GET", path: "/apps/%zz" }), 400, notPercentEncoding("/apps/%zz")],
    ["an overlong UTF-8 escape", () => ({ method: "DELETE", path: "/apps/%C0%AF" }), 400, notPercentEncoding("/apps/%C0%AF")],
    ["a bad escape on a route served without the key", () => ({ method: "GET", path: "/buildpacks/%zz", headers: { Authorization: null } }), 400, notPercentEncoding("/buildpacks/%zz")],
    ["the key followed by junk", (key) => ({ method: "GET", path: "/apps", headers: { Authorization: `Bearer ${key} junk` } }), 401, UNAUTHORIZED],
    ["Basic whose base64 hides the key among junk Node's decoder skips", (key) => {
      const encoded = Buffer.from(`:${key}`).toString("base64");
      return { method: "GET", path: "/apps", headers: { Authorization: `Basic ${encoded.slice(0, 4)}!!**${encoded.slice(4)}` } };
    }, 401, UNAUTHORIZED],
    ["Basic with garbage base64", () => ({ method: "GET", path: "/apps", headers: { Authorization: "Basic ====abc" } }), 401, UNAUTHORIZED],
    ["a Range of options separated by `;`", () => ({ method: "GET", path: "/apps", headers: { Range: "name ..; max=10; order=desc" } }), 400, UNREADABLE_RANGE],
    ["a Range with a negative max", () => ({ method: "GET", path: "/apps", headers: { Range: "id ..; max=-5" } }), 400, UNREADABLE_RANGE],
    ["a Range with a max of zero", () => ({ method: "GET", path: "/apps", headers: { Range: "id ..; max=0" } }), 400, UNREADABLE_RANGE],
    ["a Range with an unknown order", () => ({ method: "GET", path: "/apps", headers: { Range: "id ..; order=sideways" } }), 400, UNREADABLE_RANGE],
    ["an 8 KB Range", () => ({ method: "GET", path: "/apps", headers: { Range: `id ${"x".repeat(8192)}` } }), 400, UNREADABLE_RANGE],
    ["a Range shaped to make a regex backtrack", () => ({ method: "GET", path: "/apps", headers: { Range: `id${" ".repeat(15_000)}x` } }), 400, UNREADABLE_RANGE],
    ["a Range without a field", () => ({ method: "GET", path: "/apps", headers: { Range: "..; max=10" } }), 416, NO_RANGE_FIELD],
    ["a Range of options alone (the CLI's bug in heroku/cli#1674)", () => ({ method: "GET", path: "/apps", headers: { Range: "max=1000;" } }), 416, NO_RANGE_FIELD],
  ];

  it.each(cases)("answers %s in Heroku's shape, and goes on serving", async (_name, build, status, error) => {
    // GIVEN a platform with an app
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    // WHEN the request is sent
    const res = await send(p, build(p.apiKey));
    // THEN it is answered with exactly this status and error
    expect(res).toEqual({ status, body: error });
    // AND the platform answers a normal request, also after a restart
    await expectStillServing(p);
  });

  it("pages a Range whose max is absurdly large at the largest page, as Heroku documents it (1000)", async () => {
    // GIVEN a platform with an app
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    // WHEN a page of 10^23 apps is asked for
    const res = await api(p, "GET", "/apps", undefined, { Range: "name ..; max=99999999999999999999999" });
    // THEN the page is the largest there is
    expect(res.status).toBe(200);
    expect(res.headers.get("content-range")).toBe("name shop..shop; max=1000, order=asc");
    await expectStillServing(p);
  });

  it("reads the Range forms real clients send: the CLI's trailing `;` and old heroku-go's empty option", async () => {
    // GIVEN a platform with three apps
    const p = await platform();
    for (const name of ["app-a", "app-b", "app-c"]) await ok(p, "POST", "/apps", { name });
    // WHEN they are listed with each form
    const cli = await api(p, "GET", "/apps", undefined, { Range: "name ..; max=1000;" });
    const heroku_go = await api(p, "GET", "/apps", undefined, { Range: "name ..; max=2, , order=desc" });
    // THEN each is honoured
    expect((await cli.json()).map((a: { name: string }) => a.name)).toEqual(["app-a", "app-b", "app-c"]);
    expect((await heroku_go.json()).map((a: { name: string }) => a.name)).toEqual(["app-c", "app-b"]);
    await expectStillServing(p);
  });

  it.each([
    ["with spaces", "a request id with spaces in it"],
    ["10 KB long", "r".repeat(10 * 1024)],
    ["too short to be one (Heroku's router wants 20 to 200 characters)", "short-id"],
  ])("answers and logs a request whose Request-Id is %s under a generated id instead", async (_name, given) => {
    // GIVEN a platform whose log is kept
    const lines: string[] = [];
    const p = await platform({ log: (line) => lines.push(line) });
    // WHEN a request gives that Request-Id
    const res = await api(p, "GET", "/apps", undefined, { "Request-Id": given });
    // THEN it is answered under a generated id
    expect(res.status).toBe(200);
    const answered = res.headers.get("request-id") ?? "";
    expect(answered).toMatch(UUID);
    // AND logged under it, the given one nowhere
    await until(() => lines.some((l) => l.includes(`request_id=${answered}`)));
    expect(lines.join("\n")).not.toContain(given);
    await expectStillServing(p);
  });

  it("answers a well-formed Request-Id under that very id", async () => {
    // GIVEN a platform
    const p = await platform();
    // WHEN a request gives a request id as Heroku's router accepts one
    const given = "0b6a3c2e-7d8f-4e1a-9c5b-2f4d6e8a0b1c";
    const res = await api(p, "GET", "/apps", undefined, { "Request-Id": given });
    // THEN the answer carries it
    expect(res.headers.get("request-id")).toBe(given);
    await expectStillServing(p);
  });

  it.each([
    ["a control character in a Request-Id", `Request-Id: abc\u0001def-0123456789abcdef\r\n`, 400, "request is not valid HTTP: invalid header value char"],
    ["headers over Node's 16 KB", `X-Padding: ${"p".repeat(20 * 1024)}\r\n`, 431, "request headers are larger than 16384 bytes"],
  ])("answers %s, which Node will not read, in Heroku's shape and closes the connection", async (_name, header, status, message) => {
    // GIVEN a platform
    const p = await platform();
    // WHEN the request's bytes carry it
    const answer = await exchange(p, `GET /apps HTTP/1.1\r\nHost: platform\r\nAuthorization: Bearer ${p.apiKey}\r\nAccept: application/vnd.heroku+json; version=3\r\n${header}\r\n`);
    // THEN the answer is Heroku's error shape, on a connection then closed
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ id: "bad_request", message });
    expect(answer.headers).toContain("Connection: close");
    await expectStillServing(p);
  });

  it("answers a client that never finishes its headers 408, and closes its connection", async () => {
    // GIVEN a platform
    const p = await platform();
    // WHEN a client sends half its headers and then nothing
    const answer = await exchange(p, `GET /apps HTTP/1.1\r\nHost: platform\r\nAuthorization: Bearer ${p.apiKey}\r\n`);
    // THEN the platform gives up on it with Heroku's error shape, rather than holding the connection
    expect(answer.status).toBe(408);
    expect(answer.body).toEqual({ id: "bad_request", message: "request not received in time (headers within 5 s, the whole request within 30 s)" });
    await expectStillServing(p);
  });
});

describe("protocol hardening: the routes served without the key", () => {
  it("limits them with a bucket of their own: spending it leaves the account's API tokens alone", async () => {
    // GIVEN a platform allowing 3 requests at once
    const p = await platform({ rateLimitPerHour: 3 });
    // WHEN the buildpack registry is asked 4 times, without the key
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await fetch(`${p.url}/buildpacks/heroku%2Fpython`));
    // THEN the 4th is refused as Heroku refuses a client over its rate limit
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[3].status).toBe(429);
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await answers[3].json()).toEqual(RATE_LIMITED);
    // AND the account's API still has its 3 tokens
    const apps = await api(p, "GET", "/apps");
    expect(apps.status).toBe(200);
    expect(apps.headers.get("ratelimit-remaining")).toBe("2");
    await expectStillServing(p);
  });
});

describe("protocol hardening: blob uploads", () => {
  /** A signed blob URL of a new source (internal helper). */
  async function blobUrls(p: Platform): Promise<{ put: string; get: string }> {
    await ok(p, "POST", "/apps", { name: "shop" });
    const { source_blob } = await ok(p, "POST", "/apps/shop/sources");
    return { put: source_blob.put_url, get: source_blob.get_url };
  }

  const blobsDir = (p: Platform) => join(p.dataDir, "blobs");
  const partials = (p: Platform) => readdirSync(blobsDir(p)).filter((name) => name.endsWith(".part"));
  /** How many bytes the uploads under way have written (internal helper). */
  const partialBytes = (p: Platform) => partials(p).reduce((sum, name) => sum + (existsSync(join(blobsDir(p), name)) ? statSync(join(blobsDir(p), name)).size : 0), 0);

  /** A PUT sent chunked, whose body the test writes piece by piece; `answered` resolves with its status. */
  function slowPut(url: string): { req: ClientRequest; answered: Promise<number> } {
    const target = new URL(url);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: "PUT", agent: false, headers: { "Transfer-Encoding": "chunked" } });
    const answered = new Promise<number>((resolve, reject) => {
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
    });
    return { req, answered };
  }

  it("keeps two uploads to one URL at once apart: the last to finish wins whole", async () => {
    // GIVEN a blob URL, and a slow upload to it that has written half its body
    const p = await platform();
    const urls = await blobUrls(p);
    const slow = Buffer.alloc(512 * 1024, "a");
    const fast = Buffer.alloc(768 * 1024, "b");
    const first = slowPut(urls.put);
    first.req.write(slow.subarray(0, slow.length / 2));
    await until(() => partialBytes(p) >= slow.length / 2);
    // WHEN a second upload to the same URL is sent whole and answered
    expect((await fetch(urls.put, { method: "PUT", body: fast })).status).toBe(200);
    // AND the slow one then finishes
    first.req.end(slow.subarray(slow.length / 2));
    expect(await first.answered).toBe(200);
    // THEN the blob is exactly the body of the upload that finished last, and no temporary file is left
    expect(Buffer.from(await (await fetch(urls.get)).arrayBuffer()).equals(slow)).toBe(true);
    expect(partials(p)).toEqual([]);
    await expectStillServing(p);
  });

  it("leaves the previous blob intact and no temporary file when an upload is cut off", async () => {
    // GIVEN a blob, and an upload over it that has written part of its body
    const p = await platform();
    const urls = await blobUrls(p);
    const previous = Buffer.from("the previous source");
    expect((await fetch(urls.put, { method: "PUT", body: previous })).status).toBe(200);
    const cut = slowPut(urls.put);
    cut.answered.catch(() => undefined);
    cut.req.write(Buffer.alloc(64 * 1024, "c"));
    await until(() => partialBytes(p) > 0);
    // WHEN its client goes away
    cut.req.destroy();
    // THEN its temporary file goes, and the blob is the previous one
    await until(() => partials(p).length === 0);
    expect(Buffer.from(await (await fetch(urls.get)).arrayBuffer()).equals(previous)).toBe(true);
    await expectStillServing(p);
  });

  it("answers an upload over the limit sent chunked 413, leaving the previous blob and no temporary file", async () => {
    // GIVEN a blob
    const p = await platform();
    const urls = await blobUrls(p);
    const previous = Buffer.from("the previous source");
    expect((await fetch(urls.put, { method: "PUT", body: previous })).status).toBe(200);
    // WHEN an upload without a length goes past the limit
    const big = slowPut(urls.put);
    const piece = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const more = (): void => {
      while (sent <= MAX_BLOB_BYTES) {
        sent += piece.length;
        if (!big.req.write(piece)) return void big.req.once("drain", more);
      }
      big.req.end();
    };
    big.req.on("error", () => undefined);
    more();
    // THEN it is refused as S3 refuses one, and nothing of it is kept
    expect(await big.answered).toBe(413);
    await until(() => partials(p).length === 0);
    expect(Buffer.from(await (await fetch(urls.get)).arrayBuffer()).equals(previous)).toBe(true);
    await expectStillServing(p);
  });

  it("removes the temporary file of an upload under way when the platform was killed", async () => {
    // GIVEN a stopped platform whose blobs hold a temporary file, as a kill -9 mid-upload leaves one
    const p = await platform();
    await stopAll();
    const orphan = join(blobsDir(p), "0b6a3c2e-7d8f-4e1a-9c5b-2f4d6e8a0b1c.7f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.part");
    writeFileSync(orphan, "half an upload");
    // WHEN the platform starts again on its data dir
    await platform({ dataDir: p.dataDir });
    // THEN the temporary file is gone
    expect(existsSync(orphan)).toBe(false);
  });

  it("streams a blob, and a client that leaves mid-download is no failure", async () => {
    // GIVEN a blob far larger than a socket's buffers, on a platform whose log is kept
    const lines: string[] = [];
    const p = await platform({ log: (line) => lines.push(line) });
    const urls = await blobUrls(p);
    const source = Buffer.alloc(32 * 1024 * 1024, "s");
    expect((await fetch(urls.put, { method: "PUT", body: source })).status).toBe(200);
    // WHEN it is downloaded whole, and once more by a client that leaves after the first bytes
    const whole = await fetch(urls.get);
    expect(whole.headers.get("content-length")).toBe(String(source.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(source)).toBe(true);
    const leaving = new AbortController();
    const partial = await fetch(urls.get, { signal: leaving.signal });
    await partial.body?.getReader().read();
    leaving.abort();
    // THEN the download cut short is logged as dropped, and no failure is
    const downloads = () => lines.filter((l) => l.includes(" GET /blobs/"));
    await until(() => downloads().length === 2);
    expect(downloads()[1]).toContain(" dropped ");
    expect((await api(p, "GET", "/apps")).status).toBe(200);
    expect(lines.filter((l) => l.includes(" failed "))).toEqual([]);
    await expectStillServing(p);
  });
});
