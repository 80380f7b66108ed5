/**
 * GET /apps/{id} requests per second on loopback: the embedded platform
 * (`platform`), or a bare node:http server answering the very same bytes
 * (`bare`). 32 keep-alive connections for 3 s, load generated in-process.
 */
import { Agent, createServer, request, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { startPlatform } from "../../platform";

const CONNECTIONS = 32;
const DURATION_MS = 3000;

interface Target {
  readonly url: string;
  readonly headers: Record<string, string>;
  close(): Promise<void>;
}

async function platformTarget(): Promise<Target & { body: Buffer; responseHeaders: Record<string, string> }> {
  const platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-bench-platform-")), port: 0, rateLimitPerHour: 1e12 });
  const headers = { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${platform.apiKey}` };
  const created = await fetch(`${platform.url}/apps`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: '{"name":"bench-throughput"}' });
  const { id } = (await created.json()) as { id: string };
  const answer = await fetch(`${platform.url}/apps/${id}`, { headers });
  const responseHeaders = Object.fromEntries([...answer.headers].filter(([k]) => !["date", "connection", "keep-alive"].includes(k)));
  return { url: `${platform.url}/apps/${id}`, headers, body: Buffer.from(await answer.arrayBuffer()), responseHeaders, close: () => platform.close() };
}

/** The same answer from node:http and nothing else: the ceiling (internal helper). */
async function bareTarget(): Promise<Target> {
  const model = await platformTarget();
  await model.close();
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, model.responseHeaders);
    res.end(model.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${new URL(model.url).pathname}`, headers: model.headers, close: () => new Promise((r) => server.close(() => r())) };
}

/** Keeps CONNECTIONS requests in flight until the time is up; returns how many completed. */
async function load(target: Target): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const deadline = Date.now() + DURATION_MS;
  let done = 0;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request(target.url, { agent, headers: target.headers }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`answered ${res.statusCode}`));
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end();
    });
  const worker = async () => {
    while (Date.now() < deadline) {
      await one();
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  agent.destroy();
  return done;
}

export default async function run([side]: string[]): Promise<Record<string, number | string>> {
  if (side !== "platform" && side !== "bare") throw new Error(`throughput side "${side}" is not platform or bare`);
  const target = side === "platform" ? await platformTarget() : await bareTarget();
  await load({ ...target, url: target.url }); // warm-up: JIT and connections
  const started = Date.now();
  const requests = await load(target);
  const seconds = (Date.now() - started) / 1000;
  await target.close();
  return { side, requests, reqPerSec: Math.round(requests / seconds) };
}
