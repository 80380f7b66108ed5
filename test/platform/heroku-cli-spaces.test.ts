import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type RunningPlatform } from "../../platform";
import { HerokuClient } from "../../lib/heroku-api-client";
import { herokuCli, type HerokuCli } from "./heroku-cli-harness";

/**
 * The official heroku CLI (pinned in test/heroku-cli) on private spaces:
 * `spaces` lists a team's spaces with their state, and `spaces:info` shows
 * one with its outbound IPs once allocated, asserting on what the CLI prints.
 */
let platform: RunningPlatform;
let cli: HerokuCli;

beforeAll(async () => {
  // Spaces are allocated on the first request after their create
  platform = await startPlatform({
    dataDir: mkdtempSync(join(tmpdir(), "dynoform-cli-spaces-")),
    port: 0,
    delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 0, vpnMs: 0 },
  });
  cli = herokuCli(platform);
  await new HerokuClient({ url: platform.url, apiKey: platform.apiKey }).post("/spaces", { name: "cli-space", team: "dynoform-team", region: "oregon", cidr: "10.4.0.0/16" });
});

afterAll(async () => {
  await platform?.close();
});

const heroku = (...args: string[]) => cli.heroku(...args);
describe("the official heroku CLI on private spaces", () => {
  it("spaces lists the team's space with its team, region and state", async () => {
    // WHEN the spaces are listed (the listing's request settles the allocation)
    const listed = await heroku("spaces");
    // THEN the space is there, allocated, with its team and region
    expect(listed).toMatch(/cli-space\s+dynoform-team\s+oregon\s+allocated\s+cedar/);
    expect(await heroku("spaces", "--team", "dynoform-team")).toContain("cli-space");
  }, 60_000);

  it("spaces:info shows the space with its CIDRs, shield and outbound IPs", async () => {
    const info = await heroku("spaces:info", "cli-space");
    expect(info).toContain("=== cli-space");
    expect(info).toMatch(/Team:\s+dynoform-team/);
    expect(info).toMatch(/Region:\s+Oregon, United States/);
    expect(info).toMatch(/CIDR:\s+10\.4\.0\.0\/16/);
    expect(info).toMatch(/Data CIDR:\s+10\.1\.0\.0\/16/);
    expect(info).toMatch(/State:\s+allocated/);
    expect(info).toMatch(/Shield:\s+off/);
    expect(info).toMatch(/Outbound IPs:\s+203\.0\.113\.\d+, 203\.0\.113\.\d+/);
  }, 60_000);

  it("spaces:info names a space that does not exist with Heroku's message", async () => {
    await expect(heroku("spaces:info", "no-such-space")).rejects.toThrow(/Couldn't find that space/);
  }, 60_000);
});
