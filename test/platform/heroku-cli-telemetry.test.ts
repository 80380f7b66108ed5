import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient } from "../../lib/heroku-api-client";
import { startPlatform, type RunningPlatform } from "../../platform";
import { herokuCli, type HerokuCli } from "./heroku-cli-harness";

/**
 * The official heroku CLI (pinned in test/heroku-cli) on telemetry drains of
 * a Fir app: `telemetry:add`, `telemetry`, `telemetry:info`,
 * `telemetry:update` and `telemetry:remove`, asserting on what it prints.
 */
let platform: RunningPlatform;
let cli: HerokuCli;

beforeAll(async () => {
  // The space is allocated on the first request after its create, so the app can go in it at once.
  platform = await startPlatform({
    dataDir: mkdtempSync(join(tmpdir(), "dynoform-cli-telemetry-")),
    port: 0,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 0, vpnMs: 0 },
  });
  cli = herokuCli(platform);
  const api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  await api.post("/spaces", { name: "otel-space", team: "dynoform-team", generation: "fir" });
  await api.post("/teams/apps", { name: "otel-app", space: "otel-space" });
});

afterAll(async () => {
  await platform?.close();
});

describe("the official heroku CLI on telemetry drains", () => {
  it("adds a drain to a Fir app, lists it, shows it, updates its endpoint and removes it", async () => {
    // WHEN a drain is added to the app for logs and traces, with a header
    const added = await cli.heroku("telemetry:add", "https://otel.example.com/v1", "--app", "otel-app", "--signals", "logs,traces", "--headers", '{"x-team":"k"}');
    // THEN the CLI says so, and lists it on the app
    expect(added).toContain("successfully added drain https://otel.example.com/v1");
    const listed = await cli.heroku("telemetry", "--app", "otel-app");
    expect(listed).toContain("otel-app Telemetry Drains");
    const id = /([0-9a-f-]{36})/.exec(listed)?.[1] ?? "";
    expect(listed).toMatch(/logs.+traces.+https:\/\/otel\.example\.com\/v1/);
    // AND shows it with its app, signals, transport and headers
    const info = await cli.heroku("telemetry:info", id);
    expect(info).toContain(`=== ${id}`);
    expect(info).toMatch(/App:\s+otel-app/);
    expect(info).toMatch(/Signals:\s+logs, traces/);
    expect(info).toMatch(/Transport:\s+HTTP/);
    expect(info).toContain('{"x-team":"k"}');

    // WHEN only its endpoint is updated
    const updated = await cli.heroku("telemetry:update", id, "--endpoint", "https://otel.example.org");
    // THEN the rest is unchanged
    expect(updated).toMatch(/Endpoint:\s+https:\/\/otel\.example\.org/);
    expect(updated).toMatch(/Signals:\s+logs, traces/);
    expect(updated).toContain('{"x-team":"k"}');

    // WHEN it is removed, the app has none
    await cli.heroku("telemetry:remove", id);
    expect(await cli.heroku("telemetry", "--app", "otel-app")).toContain("There are no telemetry drains in otel-app");
  }, 120_000);
});
