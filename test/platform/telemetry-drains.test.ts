import { describe, expect, it } from "vitest";
import { shapeProblems } from "./api-shapes";
import { api, ok, platform } from "./platform-harness";

/**
 * Telemetry drains on the embedded platform: made on a Fir app or a Fir
 * space, listed by each, read, updated and deleted by id, in the official
 * schema's shape (api-shapes.ts); refused on a Cedar owner and for bodies the
 * schema does not allow; removed with the app or the space that owns them.
 */
/** A platform with an allocated Fir space `fir-space` holding the app `fir-app`, and a Cedar space `cedar-space` holding `cedar-app` (internal helper). */
async function firPlatform() {
  const p = await platform({ delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 0, vpnMs: 0 } });
  const firSpace = await ok(p, "POST", "/spaces", { name: "fir-space", team: "dynoform-team", generation: "fir" });
  const cedarSpace = await ok(p, "POST", "/spaces", { name: "cedar-space", team: "dynoform-team" });
  // The next request settles both allocations.
  await ok(p, "GET", "/spaces");
  const firApp = await ok(p, "POST", "/teams/apps", { name: "fir-app", space: "fir-space" });
  const cedarApp = await ok(p, "POST", "/teams/apps", { name: "cedar-app", space: "cedar-space" });
  return { p, firSpace, cedarSpace, firApp, cedarApp };
}

/** The error a call answers, with its status (internal helper). */
async function refused(p: { url: string; apiKey: string }, method: string, path: string, body?: unknown) {
  const res = await api(p, method, path, body);
  return { status: res.status, ...(await res.json()) };
}

const EXPORTER = { type: "otlphttp", endpoint: "https://otel.example.com/v1", headers: { "API-Key": "k" } };

describe("embedded platform: telemetry drains", () => {
  it("creates a drain on a Fir app and a Fir space, lists each by its owner, reads, updates and deletes it", async () => {
    // GIVEN a Fir space with a Fir app in it
    const { p, firSpace, firApp } = await firPlatform();
    // WHEN a drain is made on the app, and one on the space (without headers)
    const created = await api(p, "POST", "/telemetry-drains", { owner: { id: firApp.id, type: "app" }, signals: ["traces", "metrics"], exporter: EXPORTER });
    expect(created.status).toBe(201);
    const drain = await created.json();
    const spaceDrain = await ok(p, "POST", "/telemetry-drains", {
      owner: { id: firSpace.id, type: "space" },
      signals: ["logs"],
      exporter: { type: "otlp", endpoint: "collector.example.com:4317" },
    });
    // THEN each answers what was asked, its owner by id, in the schema's shape
    expect(drain).toMatchObject({ owner: { id: firApp.id, type: "app" }, signals: ["traces", "metrics"], exporter: EXPORTER });
    expect(spaceDrain).toMatchObject({ owner: { id: firSpace.id, type: "space" }, exporter: { type: "otlp", headers: {} } });
    expect([...shapeProblems("telemetry-drain", drain), ...shapeProblems("telemetry-drain", spaceDrain)]).toEqual([]);
    // AND the app lists its drain, by name or id, and the space only its own
    expect((await ok(p, "GET", "/apps/fir-app/telemetry-drains")).map((d: { id: string }) => d.id)).toEqual([drain.id]);
    expect((await ok(p, "GET", `/apps/${firApp.id}/telemetry-drains`)).map((d: { id: string }) => d.id)).toEqual([drain.id]);
    expect((await ok(p, "GET", "/spaces/fir-space/telemetry-drains")).map((d: { id: string }) => d.id)).toEqual([spaceDrain.id]);
    expect(await ok(p, "GET", `/telemetry-drains/${drain.id}`)).toEqual(drain);

    // WHEN its signals change, then only its endpoint (as `heroku telemetry:update --endpoint` sends it)
    const resignaled = await ok(p, "PATCH", `/telemetry-drains/${drain.id}`, { signals: ["logs"] });
    expect(resignaled).toMatchObject({ signals: ["logs"], exporter: EXPORTER });
    const moved = await ok(p, "PATCH", `/telemetry-drains/${drain.id}`, { exporter: { endpoint: "https://otel.example.org" } });
    // THEN what was not named is kept
    expect(moved).toMatchObject({ signals: ["logs"], exporter: { ...EXPORTER, endpoint: "https://otel.example.org" }, created_at: drain.created_at });
    // AND headers given as {} clear them
    expect((await ok(p, "PATCH", `/telemetry-drains/${drain.id}`, { exporter: { headers: {} } })).exporter.headers).toEqual({});
    expect(await ok(p, "GET", `/telemetry-drains/${drain.id}`)).toMatchObject({ signals: ["logs"], exporter: { endpoint: "https://otel.example.org", headers: {} } });

    // WHEN it is deleted
    expect((await ok(p, "DELETE", `/telemetry-drains/${drain.id}`)).id).toBe(drain.id);
    // THEN it is not found, and the app has none left
    expect(await refused(p, "GET", `/telemetry-drains/${drain.id}`)).toMatchObject({ status: 404, id: "not_found", message: "Couldn't find that telemetry drain." });
    expect(await ok(p, "GET", "/apps/fir-app/telemetry-drains")).toEqual([]);
    expect((await refused(p, "PATCH", `/telemetry-drains/${drain.id}`, { signals: ["logs"] })).status).toBe(404);
    expect((await refused(p, "DELETE", `/telemetry-drains/${drain.id}`)).status).toBe(404);
  });

  it("refuses a Cedar app, an app outside a space and a Cedar space with 422, and an unknown owner with 404", async () => {
    const { p, cedarSpace, cedarApp } = await firPlatform();
    const common = await ok(p, "POST", "/apps", { name: "common-app" });
    const body = (owner: { id: string; type: string }) => ({ owner, signals: ["logs"], exporter: EXPORTER });
    expect(await refused(p, "POST", "/telemetry-drains", body({ id: cedarApp.id, type: "app" }))).toEqual({
      status: 422,
      id: "invalid_params",
      message: "Telemetry drains are only supported for Fir generation apps and spaces. The app cedar-app is cedar generation.",
    });
    expect((await refused(p, "POST", "/telemetry-drains", body({ id: common.id, type: "app" }))).message).toContain("The app common-app is cedar generation.");
    expect((await refused(p, "POST", "/telemetry-drains", body({ id: cedarSpace.id, type: "space" }))).message).toContain("The space cedar-space is cedar generation.");
    expect(await refused(p, "POST", "/telemetry-drains", body({ id: "01234567-89ab-cdef-0123-456789abcdef", type: "app" }))).toMatchObject({
      status: 404,
      message: "Couldn't find that app.",
    });
    expect(await refused(p, "POST", "/telemetry-drains", body({ id: "01234567-89ab-cdef-0123-456789abcdef", type: "space" }))).toMatchObject({
      status: 404,
      message: "Couldn't find that space.",
    });
    // AND nothing was made
    expect(await ok(p, "GET", "/apps/cedar-app/telemetry-drains")).toEqual([]);
  });

  it("refuses what the schema does not allow, with 422 invalid_params naming it", async () => {
    const { p, firApp } = await firPlatform();
    const owner = { id: firApp.id, type: "app" };
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`h${i}`, "v"]));
    const cases: [unknown, RegExp][] = [
      [{ owner, signals: [], exporter: EXPORTER }, /^signals is too small/],
      [{ owner, signals: ["events"], exporter: EXPORTER }, /^signals\[0\] is not/],
      [{ owner, signals: ["logs", "logs"], exporter: EXPORTER }, /^signals lists a signal more than once/],
      [{ owner, signals: ["logs"], exporter: { ...EXPORTER, type: "splunk" } }, /^exporter\.type is not/],
      [{ owner, signals: ["logs"], exporter: { ...EXPORTER, endpoint: `https://${"x".repeat(1000)}` } }, /^exporter\.endpoint is too long \(maximum is 1000/],
      [{ owner, signals: ["logs"], exporter: { ...EXPORTER, headers: tooMany } }, /^exporter\.headers has more than 20 headers/],
      [{ owner, signals: ["logs"], exporter: { ...EXPORTER, headers: { "bad header": "v" } } }, /^exporter\.headers\['bad header'\] is not a valid key/],
      [{ owner, signals: ["logs"], exporter: { ...EXPORTER, headers: { "X-Key": "v".repeat(1001) } } }, /^exporter\.headers\['X-Key'\] is too long \(maximum is 1000/],
      [{ owner: { id: firApp.id, type: "team" }, signals: ["logs"], exporter: EXPORTER }, /^owner\.type is not/],
      [{ owner, signals: ["logs"] }, /^exporter is required/],
      [{ owner, signals: ["logs"], exporter: { type: "otlp" } }, /^exporter\.endpoint is required/],
    ];
    for (const [body, message] of cases) {
      const answer = await refused(p, "POST", "/telemetry-drains", body);
      expect(answer, JSON.stringify(body).slice(0, 200)).toMatchObject({ status: 422, id: "invalid_params" });
      expect(answer.message).toMatch(message);
    }
    // AND an update is held to the same bounds
    const drain = await ok(p, "POST", "/telemetry-drains", { owner, signals: ["logs"], exporter: EXPORTER });
    expect((await refused(p, "PATCH", `/telemetry-drains/${drain.id}`, { signals: [] })).status).toBe(422);
    expect((await refused(p, "PATCH", `/telemetry-drains/${drain.id}`, { exporter: { type: "grpc" } })).status).toBe(422);
    expect(await ok(p, "GET", `/telemetry-drains/${drain.id}`)).toEqual(drain);
  });

  it("removes an app's drains with the app, and a space's with the space", async () => {
    // GIVEN a drain on the Fir app and one on its space
    const { p, firSpace, firApp } = await firPlatform();
    const appDrain = await ok(p, "POST", "/telemetry-drains", { owner: { id: firApp.id, type: "app" }, signals: ["traces"], exporter: EXPORTER });
    const spaceDrain = await ok(p, "POST", "/telemetry-drains", { owner: { id: firSpace.id, type: "space" }, signals: ["metrics"], exporter: EXPORTER });
    // WHEN the app is deleted
    await ok(p, "DELETE", "/apps/fir-app");
    // THEN its drain is gone, and the space's stays
    expect((await refused(p, "GET", `/telemetry-drains/${appDrain.id}`)).status).toBe(404);
    expect((await ok(p, "GET", `/telemetry-drains/${spaceDrain.id}`)).id).toBe(spaceDrain.id);
    // WHEN the space, now empty, is deleted
    await ok(p, "DELETE", "/spaces/fir-space");
    // THEN its drain is gone too
    expect((await refused(p, "GET", `/telemetry-drains/${spaceDrain.id}`)).status).toBe(404);
  });
});
