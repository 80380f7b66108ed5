import { describe, expect, it } from "vitest";
import { herokuCliOnPlatform } from "./heroku-cli-harness";
import { ok, releasedApp } from "./platform-harness";

/**
 * More of the official heroku CLI (pinned, test/heroku-cli) against the
 * embedded platform: releases:info, ps:restart, apps:rename, maintenance, domains:remove,
 * logs (a log session, then its event stream), addons:plans and
 * addons:destroy — asserting on what it prints and on what the platform
 * then holds.
 */
const cli = herokuCliOnPlatform();
const heroku = cli.heroku;

/** stdout and stderr together, for commands that report on stderr (spinners, "done"). */
async function herokuAll(...args: string[]): Promise<string> {
  const { stdout, stderr } = await cli.herokuOutput(...args);
  return stdout + stderr;
}

describe("the official heroku CLI on releases, dynos and app settings", () => {
  it("releases:info shows the latest release, and a given one with its config vars", async () => {
    // GIVEN an app with two config changes
    await heroku("apps:create", "shop-relinfo");
    await heroku("config:set", "LOG_LEVEL=debug", "-a", "shop-relinfo");
    await heroku("config:set", "LOG_LEVEL=info", "-a", "shop-relinfo");
    // THEN releases:info shows the latest, v3, with the config vars as they are
    const latest = await heroku("releases:info", "-a", "shop-relinfo");
    expect(latest).toMatch(/=== Release v3/);
    expect(latest).toMatch(/Change:\s+Set LOG_LEVEL config vars/);
    expect(latest).toMatch(/By:\s+developer@dynoform\.local/);
    expect(latest).toMatch(/=== v3 Config vars\n+LOG_LEVEL: info/);
    // AND v2 with the config vars as that release had them, and v1 with none
    const v2 = await heroku("releases:info", "v2", "-a", "shop-relinfo");
    expect(v2).toMatch(/=== Release v2/);
    expect(v2).toMatch(/=== v2 Config vars\n+LOG_LEVEL: debug/);
    expect(await heroku("releases:info", "v1", "-a", "shop-relinfo")).not.toContain("LOG_LEVEL");
  });

  it("ps:restart restarts all dynos, a process type's, or one dyno", async () => {
    await releasedApp(cli.platform, "shop-restart");
    expect(await herokuAll("ps:restart", "-a", "shop-restart")).toMatch(/Restarting all dynos on (⬢ )?shop-restart\.\.\. done/);
    expect(await herokuAll("ps:restart", "--process-type", "web", "-a", "shop-restart")).toMatch(/Restarting all web dynos on (⬢ )?shop-restart\.\.\. done/);
    expect(await herokuAll("ps:restart", "--dyno-name", "web.1", "-a", "shop-restart")).toMatch(/Restarting dyno web\.1 on (⬢ )?shop-restart\.\.\. done/);
    await expect(heroku("ps:restart", "--dyno-name", "web.9", "-a", "shop-restart")).rejects.toThrow(/Couldn't find that dyno/);
    await expect(heroku("ps:restart", "--process-type", "clock", "-a", "shop-restart")).rejects.toThrow(/Couldn't find that process type \(clock\)/);
  });

  it("apps:rename renames an app: its URL follows", async () => {
    await heroku("apps:create", "shop-oldname");
    const out = await herokuAll("apps:rename", "shop-newname", "-a", "shop-oldname");
    expect(out).toContain("https://shop-newname.herokuapp.com/");
    expect(await heroku("apps")).toContain("shop-newname");
    await expect(heroku("apps:info", "-a", "shop-oldname")).rejects.toThrow(/Couldn't find that app/);
  });

  it("maintenance:on and maintenance:off switch maintenance mode, and maintenance shows it", async () => {
    await heroku("apps:create", "shop-maint");
    expect((await heroku("maintenance", "-a", "shop-maint")).trim()).toBe("off");
    await heroku("maintenance:on", "-a", "shop-maint");
    expect((await heroku("maintenance", "-a", "shop-maint")).trim()).toBe("on");
    await heroku("maintenance:off", "-a", "shop-maint");
    expect((await heroku("maintenance", "-a", "shop-maint")).trim()).toBe("off");
  });

  it("domains:remove removes a custom domain", async () => {
    await heroku("apps:create", "shop-domrm");
    await heroku("domains:add", "www.shop.example.com", "-a", "shop-domrm");
    await heroku("domains:remove", "www.shop.example.com", "-a", "shop-domrm");
    expect(await heroku("domains", "-a", "shop-domrm")).not.toContain("www.shop.example.com");
    await expect(heroku("domains:remove", "www.shop.example.com", "-a", "shop-domrm")).rejects.toThrow(/Couldn't find that domain/);
  });
});

describe("the official heroku CLI on an app's logs", () => {
  const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00 [a-z]+\[[\w.]+\]: .+$/;

  it("logs shows the platform's own lines in Heroku's format: config changes, releases, scaling, restarts", async () => {
    // GIVEN a released app whose config is changed, scaled and restarted
    await releasedApp(cli.platform, "shop-logs");
    await heroku("config:set", "LOG_LEVEL=info", "-a", "shop-logs");
    await heroku("ps:scale", "worker=1", "-a", "shop-logs");
    await heroku("ps:restart", "--process-type", "web", "-a", "shop-logs");
    // WHEN its logs are read with the CLI (a log session, then its stream)
    const out = await heroku("logs", "-a", "shop-logs");
    // THEN every line is `timestamp source[dyno]: message`, and the events are there in order
    const lines = out.trim().split("\n");
    for (const line of lines) expect(line).toMatch(LINE);
    const text = lines.map((l) => l.replace(/^\S+ /, "")).join("\n");
    expect(text).toContain("heroku[api]: Set LOG_LEVEL config vars by developer@dynoform.local\nheroku[api]: Release v3 created by developer@dynoform.local");
    // (the whole formation, as Heroku writes it, not only the type scaled)
    expect(text).toContain("heroku[api]: Scale to web=1, worker=1 by developer@dynoform.local");
    expect(text).toContain("heroku[web.1]: Restarting\nheroku[web.1]: State changed from up to starting\nheroku[web.1]: State changed from starting to up");
    expect(text.indexOf("Release v3 created")).toBeLessThan(text.indexOf("Scale to web=1, worker=1"));
  });

  it("logs -n, --dyno-name and --source keep to what is asked", async () => {
    await heroku("apps:create", "shop-logs-filter");
    for (const level of ["debug", "info", "warn"]) await heroku("config:set", `LOG_LEVEL=${level}`, "-a", "shop-logs-filter");
    const last = (await heroku("logs", "-n", "2", "-a", "shop-logs-filter")).trim().split("\n");
    expect(last).toHaveLength(2);
    expect(last[0]).toContain("heroku[api]: Set LOG_LEVEL config vars");
    expect(last[1]).toContain("heroku[api]: Release v4 created");
    expect(await heroku("logs", "--source", "app", "-a", "shop-logs-filter")).toBe("");
    expect((await heroku("logs", "--dyno-name", "api", "--source", "heroku", "-a", "shop-logs-filter")).trim().split("\n")).toHaveLength(8);
  });

  it("logs --tail follows the log: a line written later arrives", async () => {
    await heroku("apps:create", "shop-logs-tail");
    const child = cli.start("logs", "--tail", "-a", "shop-logs-tail");
    let seen = "";
    child.stdout?.on("data", (chunk: string) => (seen += chunk));
    try {
      await until(() => seen.includes("Release v1 created"));
      await ok(cli.platform, "PATCH", "/apps/shop-logs-tail/config-vars", { TAILED: "yes" });
      await until(() => seen.includes("Release v2 created"));
      expect(seen).toContain("heroku[api]: Set TAILED config vars by developer@dynoform.local");
    } finally {
      child.kill();
    }
  });
});

/** Waits until `done` holds, for at most 30 s (internal helper). */
async function until(done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 30_000; !done(); ) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the official heroku CLI on add-ons", () => {
  it("addons:plans lists a service's plans with their prices", async () => {
    const out = await heroku("addons:plans", "heroku-postgresql");
    expect(out).toMatch(/heroku-postgresql:essential-0\s+Essential 0\s+~\$0\.007\/hour\s+\$5\/month/);
    expect(out).toMatch(/heroku-postgresql:standard-0/);
    await expect(heroku("addons:plans", "no-such-service")).rejects.toThrow(/Couldn't find that add on service/i);
  });

  it("addons:destroy destroys an add-on named by its service, and its config vars go", async () => {
    // GIVEN an app with Scheduler and Postgres
    await heroku("apps:create", "shop-addrm");
    await ok(cli.platform, "POST", "/apps/shop-addrm/addons", { plan: "scheduler:standard" });
    await ok(cli.platform, "POST", "/apps/shop-addrm/addons", { plan: "heroku-postgresql:essential-0" });
    // WHEN Scheduler is destroyed by its service name
    await herokuAll("addons:destroy", "scheduler", "-a", "shop-addrm", "--confirm", "shop-addrm");
    // THEN only Postgres is left
    const addons = await heroku("addons", "-a", "shop-addrm");
    expect(addons).not.toContain("scheduler");
    expect(addons).toContain("heroku-postgresql");
    // AND Postgres goes by its attachment name, with its DATABASE_URL
    await herokuAll("addons:destroy", "DATABASE", "-a", "shop-addrm", "--confirm", "shop-addrm");
    expect(await heroku("addons", "-a", "shop-addrm")).toContain("No add-ons for app shop-addrm.");
    expect(await heroku("config", "-a", "shop-addrm")).not.toContain("DATABASE_URL");
  });
});
