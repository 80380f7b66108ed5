import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startPlatform } from "../../platform";
import { ok, releasedApp } from "../platform/platform-harness";

/**
 * The data file is checked record by record when the platform starts: a
 * record of the wrong shape anywhere is refused, naming the file and the
 * field (`apps[2].name`), and the file is left as the user left it. None of
 * these reaches the code that would have thrown on it later (a RangeError
 * copying a slug nested thousands deep, a TypeError migrating a reference
 * that is not one).
 */
let good: string;

beforeAll(async () => {
  // GIVEN a data file a platform wrote: three apps, a release of a slug, a formation, an attachment
  const dataDir = mkdtempSync(join(tmpdir(), "dynoform-shapes-"));
  const p = await startPlatform({ dataDir, port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  await releasedApp(p, "shop");
  await ok(p, "POST", "/apps", { name: "blog" });
  await ok(p, "POST", "/apps", { name: "cache" });
  await ok(p, "PATCH", "/apps/shop/config-vars", { PORT: "5000" });
  await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-redis:mini", name: "shop-cache" });
  await ok(p, "POST", "/addon-attachments", { addon: "shop-cache", app: "blog" });
  await ok(p, "GET", "/account");
  await p.close();
  good = readFileSync(join(dataDir, "platform.json"), "utf8");
});

/**
 * Stands for a JSON object nested 5,000 levels deep, spliced into the file's
 * text: too deep for JSON.stringify (or structuredClone) to handle at all.
 */
const NESTED = "__nested__";
const nestedJson = `${'{"web":'.repeat(5000)}"node web.js"${"}".repeat(5000)}`;

type Data = Record<string, any>;

describe("the data file: a record of the wrong shape", () => {
  it.each<[string, (data: Data) => void, (data: Data) => string]>([
    ["an app whose name is a number", (d) => (d.apps[2].name = 42), () => 'its "apps[2].name" is not a string'],
    ["a release without its app", (d) => delete Object.values<any[]>(d.releases)[0][0].app, (d) => `its "releases['${Object.keys(d.releases)[0]}'][0].app" is required`],
    ["a slug whose process types nest 5,000 levels deep", (d) => (d.slugs[0].process_types = NESTED), () => 'its "slugs[0].process_types.web" is not a string'],
    ["a formation entry that is null", (d) => (d.formation[0] = null), () => 'its "formation[0]" is not an object'],
    ["an attachment whose add-on is a number", (d) => (d.attachments[0].addon = 7), () => 'its "attachments[0].addon" is not an object'],
    ["a config var whose value is a number", (d) => (Object.values<Data>(d.configVars)[0].PORT = 5000), (d) => `its "configVars['${Object.keys(d.configVars)[0]}'].PORT" is not a string`],
    ["a release status Heroku does not have", (d) => (Object.values<any[]>(d.releases)[0][0].status = "exploded"), (d) => `its "releases['${Object.keys(d.releases)[0]}'][0].status" is not "succeeded" or "pending" or "failed"`],
    ["pending builds that are a list", (d) => (d.pending.builds = []), () => 'its "pending.builds" is not an object'],
  ])("refuses %s, naming the file and the field, and leaves the file as it was", async (_name, damage, reason) => {
    // GIVEN the data file with one record damaged
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-shapes-"));
    const data = JSON.parse(good);
    damage(data);
    const file = join(dataDir, "platform.json");
    const damaged = JSON.stringify(data).replace(`"${NESTED}"`, nestedJson);
    writeFileSync(file, damaged);
    // WHEN a platform is started on it
    const started = startPlatform({ dataDir, port: 0 });
    // THEN it refuses, naming the file and the field
    await expect(started).rejects.toThrow(
      `cannot read the platform's data file ${file}: ${reason(data)}. It is left as it is: restore it from a backup, or move it away to start with no data.`,
    );
    // AND the file is byte for byte what it was
    expect(readFileSync(file, "utf8")).toBe(damaged);
    // AND the directory is not left locked: the good file starts
    writeFileSync(file, good);
    const restored = await startPlatform({ dataDir, port: 0 });
    expect((await ok(restored, "GET", "/apps")).map((a: { name: string }) => a.name).sort()).toEqual(["blog", "cache", "shop"]);
    await restored.close();
  });
});
