import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient } from "../../lib/heroku-api-client";
import { startPlatform, type RunningPlatform } from "../../platform";
import { HerokuProvider } from "../../provider/engine/provider";
import { RESOURCES } from "../../provider/resources";

/**
 * Heroku cannot take two add-on creates on one app at once, so the local
 * provider creates one add-on at a time on each app; add-ons on different
 * apps are created side by side. Seen from the platform: when each
 * add-on create's requests start and end, with every one slowed down.
 */
const LATENCY_MS = 150;

interface Logged {
  readonly method: string;
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

let platform: RunningPlatform;
let provider: HerokuProvider;
const requests: Logged[] = [];
const appIds: Record<string, string> = {};

beforeAll(async () => {
  platform = await startPlatform({
    dataDir: mkdtempSync(join(tmpdir(), "dynoform-addon-lock-")),
    port: 0,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 },
    faults: { rules: [{ kind: "latency", latencyMs: LATENCY_MS }] },
    // `ISO METHOD PATH STATUS 12.3ms request_id=…`, written when the answer ends
    log: (line) => {
      const [iso, method, path, , ms] = line.split(" ");
      const end = Date.parse(iso);
      requests.push({ method, path, start: end - parseFloat(ms), end });
    },
  });
  const api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  for (const name of ["lock-a", "lock-b"]) appIds[name] = (await api.post<{ id: string }>("/apps", { name })).id;
  provider = new HerokuProvider(RESOURCES, {}, {});
  expect(provider.configure({ url: platform.url, api_key: platform.apiKey })).toEqual([]);
});
afterAll(() => platform.close());

/** Creates add-ons through the provider, all at once; the platform's add-on create requests and the add-ons' final reads. */
async function createAtOnce(apps: string[]): Promise<{ posts: Logged[]; reads: Logged[] }> {
  requests.length = 0;
  const outcomes = await Promise.all(apps.map((app) => provider.apply("heroku_addon", null, { app_id: appIds[app], plan: "heroku-postgresql:essential-0", name: null, config: null })));
  for (const outcome of outcomes) expect(outcome.diagnostics).toEqual([]);
  const ids = outcomes.map(({ value }) => `/addons/${String(value?.id)}`);
  const posts = requests.filter((r) => r.method === "POST" && /^\/apps\/[^/]+\/addons$/.test(r.path)).sort((x, y) => x.start - y.start);
  const reads = requests.filter((r) => ids.includes(r.path));
  expect(posts).toHaveLength(apps.length);
  expect(reads).toHaveLength(apps.length);
  return { posts, reads };
}

describe("heroku_addon creates", () => {
  it("on different apps run at the same time", async () => {
    // GIVEN two apps, and a platform answering every request 150 ms late
    // WHEN an add-on is created on each at once
    const { posts } = await createAtOnce(["lock-a", "lock-b"]);
    // THEN the platform is answering both create requests at the same moment
    const [first, second] = posts;
    expect(first.path).not.toBe(second.path);
    expect(second.start).toBeLessThan(first.end);
  });

  it("on one app run one after the other", async () => {
    // GIVEN one app WHEN two add-ons are created on it at once
    const { posts, reads } = await createAtOnce(["lock-a", "lock-a"]);
    // THEN the second add-on is requested only once the first has been provisioned and read back
    const firstDone = Math.min(...reads.map((r) => r.end));
    expect(posts[1].start).toBeGreaterThanOrEqual(firstDone);
  });
});
