import { describe, expect, it } from "vitest";
import { herokuCliOnPlatform } from "./heroku-cli-harness";
import { ok } from "./platform-harness";

/**
 * The pinned official heroku CLI's `labs` commands against the embedded
 * platform's account features, asserting on what it prints.
 */
const cli = herokuCliOnPlatform();
const heroku = cli.herokuOutput;

describe("the official heroku CLI on account features", () => {
  it("labs lists the account's features, labs:enable turns one on, and labs shows it enabled", async () => {
    // GIVEN a fresh account: labs lists its features, all off
    const before = (await heroku("labs")).stdout;
    expect(before).toContain("=== User Features developer@dynoform.local");
    expect(before).toMatch(/\[ \] app-overview\s+An overview page for an app/);
    // WHEN one is enabled with the CLI
    expect((await heroku("labs:enable", "app-overview")).stderr).toContain("Enabling app-overview for developer@dynoform.local... done");
    // THEN labs shows it on, and the API agrees
    expect((await heroku("labs")).stdout).toMatch(/\[\+\] app-overview\s+An overview page for an app/);
    expect((await ok(cli.platform, "GET", "/account/features/app-overview")).enabled).toBe(true);
  });

  it("labs:enable of a feature the account does not have fails with Heroku's not-found message", async () => {
    await expect(heroku("labs:enable", "no-such-feature")).rejects.toThrow(/Couldn't find that feature/);
  });
});
