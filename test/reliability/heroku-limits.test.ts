import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../platform/state/limits";
import { TEXT_MAX } from "../../platform/state/records";
import { api, ok, platform, stopAll } from "../platform/platform-harness";
import { dataFile } from "./platform-bad-input-harness";

/**
 * Heroku's documented limits, each reached over the API and refused with
 * 422 `invalid_params` and Heroku's words, changing nothing; one short of
 * each is allowed. Sources and messages: platform/state/limits.ts.
 */

/** A request that must be refused with this limit's answer, leaving the data file byte for byte as it was (internal helper). */
async function expectLimit(p: { url: string; apiKey: string; dataDir: string }, method: string, path: string, body: unknown, message: string): Promise<void> {
  const before = dataFile(p.dataDir).toString("utf8");
  const res = await api(p, method, path, body);
  expect({ status: res.status, body: await res.json() }).toEqual({ status: 422, body: { id: "invalid_params", message } });
  expect(dataFile(p.dataDir).toString("utf8")).toBe(before);
}

/** Config vars whose keys and values are exactly `bytes` long in all (internal helper). */
function varsOf(bytes: number): Record<string, string> {
  const vars: Record<string, string> = {};
  for (let i = 0; bytes > 0; i++) {
    const key = `K${String(i).padStart(4, "0")}`;
    const value = "v".repeat(Math.max(0, Math.min(1000, bytes - key.length)));
    vars[key] = value;
    bytes -= key.length + value.length;
  }
  return vars;
}

describe("Heroku's limits", () => {
  it("allows 100 apps to an account, and refuses the 101st with Heroku's message", async () => {
    // GIVEN an account with 100 apps
    const p = await platform();
    for (let i = 0; i < LIMITS.appsPerAccount.max; i++) await ok(p, "POST", "/apps", { name: `app-${i}` });
    // WHEN another is created
    // THEN it is refused, and nothing changes
    await expectLimit(p, "POST", "/apps", { name: "one-too-many" }, LIMITS.appsPerAccount.message);
  });

  it("counts a team's apps apart from the account's: 100 in the team beside 100 of the account's own, the 101st refused", async () => {
    // GIVEN an account with 100 apps of its own, and its team with 99
    const p = await platform();
    for (let i = 0; i < LIMITS.appsPerAccount.max; i++) await ok(p, "POST", "/apps", { name: `app-${i}` });
    for (let i = 0; i < LIMITS.appsPerTeam.max - 1; i++) await ok(p, "POST", "/teams/apps", { name: `team-app-${i}`, team: "dynoform-team" });
    // WHEN the team's 100th app is created, then its 101st
    await ok(p, "POST", "/teams/apps", { name: "team-app-last", team: "dynoform-team" });
    // THEN the 100th is allowed, and the 101st refused with Heroku's words, changing nothing
    await expectLimit(p, "POST", "/teams/apps", { name: "one-too-many", team: "dynoform-team" }, LIMITS.appsPerTeam.message);
  });

  it("allows 32 KB of config vars to an app, keys and values, and refuses a byte more", async () => {
    // GIVEN an app whose config vars fill 32 KB exactly
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "PATCH", "/apps/shop/config-vars", varsOf(32 * 1024));
    // WHEN one more byte is set, or 1 MB at once, or the same again as a pipeline stage's vars
    // THEN each is refused, saying how large they would be, and nothing changes
    await expectLimit(p, "PATCH", "/apps/shop/config-vars", { X: "" }, `${LIMITS.configVarBytes.message} These would be ${32 * 1024 + 1} bytes.`);
    await expectLimit(p, "PATCH", "/apps/shop/config-vars", varsOf(1000 * 1000), `${LIMITS.configVarBytes.message} These would be ${1000 * 1000} bytes.`);
    const pipeline = await ok(p, "POST", "/pipelines", { name: "shop-line" });
    await expectLimit(p, "PATCH", `/pipelines/${pipeline.id}/stage/review/config-vars`, varsOf(32 * 1024 + 1), `${LIMITS.configVarBytes.message} These would be ${32 * 1024 + 1} bytes.`);
    // AND a change that frees room is allowed
    await ok(p, "PATCH", "/apps/shop/config-vars", { K0000: null, X: "" });
  });

  it("grows the data file by no more than a release's bound for a megabyte of config var changes", async () => {
    // GIVEN an app
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const before = dataFile(p.dataDir).length;
    // WHEN nearly a megabyte of keys is removed at once (none of them set): a release names every key it removes
    const removals = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`K${String(i).padStart(5, "0")}`, null]));
    expect(JSON.stringify(removals).length).toBeGreaterThan(900 * 1000);
    await ok(p, "PATCH", "/apps/shop/config-vars", removals);
    // THEN the file has grown by one release, its description cut to the bound, not by the megabyte
    expect(dataFile(p.dataDir).length - before).toBeLessThan(TEXT_MAX + 4096);
  });

  it("allows 1,000 custom domains to an app, and refuses the 1,001st", async () => {
    // GIVEN an app with 999 custom domains, written into its data file, and one more added over the API
    const first = await platform();
    await ok(first, "POST", "/apps", { name: "shop" });
    const model = await ok(first, "POST", "/apps/shop/domains", { hostname: "www0.example.com" });
    await stopAll();
    const file = join(first.dataDir, "platform.json");
    const data = JSON.parse(readFileSync(file, "utf8"));
    const stored = data.domains.find((d: { id: string }) => d.id === model.id);
    for (let i = 1; i < LIMITS.customDomainsPerApp.max - 1; i++) data.domains.push({ ...stored, id: `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`, hostname: `www${i}.example.com` });
    writeFileSync(file, JSON.stringify(data));
    const p = await platform({ dataDir: first.dataDir });
    await ok(p, "POST", "/apps/shop/domains", { hostname: "last.example.com" });
    // WHEN another is added
    // THEN it is refused; the app's herokuapp.com domain does not count
    await expectLimit(p, "POST", "/apps/shop/domains", { hostname: "www.example.org" }, LIMITS.customDomainsPerApp.message);
  });

  it("allows 5 log drains and 10 webhooks to an app, and refuses one more of each", async () => {
    // GIVEN an app with 5 drains and 10 webhooks
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    for (let i = 0; i < LIMITS.drainsPerApp.max; i++) await ok(p, "POST", "/apps/shop/log-drains", { url: `https://logs.example.com/${i}` });
    const hook = (i: number) => ({ url: `https://hooks.example.com/${i}`, level: "notify", include: ["api:release"] });
    for (let i = 0; i < LIMITS.webhooksPerApp.max; i++) await ok(p, "POST", "/apps/shop/webhooks", hook(i));
    // WHEN one more of each is added
    // THEN each is refused, and nothing changes
    await expectLimit(p, "POST", "/apps/shop/log-drains", { url: "https://logs.example.com/more" }, LIMITS.drainsPerApp.message);
    await expectLimit(p, "POST", "/apps/shop/webhooks", hook(99), LIMITS.webhooksPerApp.message);
    // AND another app has room of its own
    await ok(p, "POST", "/apps", { name: "blog" });
    await ok(p, "POST", "/apps/blog/log-drains", { url: "https://logs.example.com/more" });
  });
});
