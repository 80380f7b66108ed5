import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient } from "../../lib/heroku-api-client";
import { startPlatform, type RunningPlatform } from "../../platform";
import { initializedOn, platformProviderBlock } from "./terraform-harness";

/**
 * heroku_account_feature and heroku_telemetry_drain through real terraform
 * and the local provider, against the embedded platform: what they do (a
 * telemetry drain on a Fir app and on its Fir space), and where they refuse,
 * with heroku/heroku 5.3.2's own messages.
 */
let platform: RunningPlatform;
let api: HerokuClient;

const provider = () => platformProviderBlock(platform.url);

beforeAll(async () => {
  platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-labs-")), port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0, allocateMs: 0 } });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
});
afterAll(() => platform.close());

const initialized = (body: string) => initializedOn(platform, body);

const feature = (enabled: boolean, name = "app-overview") => `
resource "heroku_account_feature" "f" {
  name    = "${name}"
  enabled = ${enabled}
}
`;

describe("heroku_account_feature", () => {
  it("enables a feature, plans nothing more, disables it in place, imports it and switches it off on destroy", async () => {
    // GIVEN a configuration enabling app-overview
    const tf = await initialized(feature(true));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    // THEN the account has it, and the state holds the platform's description and state, under `<email>:<name>`
    expect((await api.get<any>("/account/features/app-overview")).enabled).toBe(true);
    const shown = await tf.run("state", "show", "heroku_account_feature.f");
    expect(shown.output).toContain('id          = "developer@dynoform.local:app-overview"');
    expect(shown.output).toContain('description = "An overview page for an app"');
    expect(shown.output).toContain('state       = "beta"');
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // WHEN enabled turns false, it is updated in place
    tf.write(provider() + feature(false));
    const updated = await tf.run("apply", "-auto-approve");
    expect(updated.output, `${updated.code}: ${updated.output}`).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
    expect((await api.get<any>("/account/features/app-overview")).enabled).toBe(false);

    // AND forgotten then imported by `<email>:<name>`, it reads back with nothing to change
    expect((await tf.run("state", "rm", "heroku_account_feature.f")).code).toBe(0);
    const imported = await tf.run("import", "heroku_account_feature.f", "developer@dynoform.local:app-overview");
    expect(imported.code, imported.output).toBe(0);
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // AND enabled again then destroyed, the feature is switched off
    tf.write(provider() + feature(true));
    expect((await tf.run("apply", "-auto-approve")).code).toBe(0);
    const destroyed = await tf.run("destroy", "-auto-approve");
    expect(destroyed.code, destroyed.output).toBe(0);
    expect((await api.get<any>("/account/features/app-overview")).enabled).toBe(false);
  });

  it("fails an unknown feature and a malformed import id with the real provider's messages", async () => {
    const tf = await initialized(feature(true, "no-such-feature"));
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code).not.toBe(0);
    expect(applied.output).toContain("Error enabling/disabling feature: Couldn't find that feature. opts {Enabled:true}");
    const imported = await tf.run("import", "heroku_account_feature.f", "app-overview");
    expect(imported.code).not.toBe(0);
    expect(imported.output).toContain("error: Import composite ID requires two parts separated by colon, eg x:y");
  });
});

describe("heroku_telemetry_drain", () => {
  it("refuses an owner id that is not a UUID, an unknown owner or exporter type, an unknown signal and no signals", async () => {
    const tf = await initialized(`
resource "heroku_telemetry_drain" "bad" {
  owner_id      = "my-app"
  owner_type    = "team"
  endpoint      = "https://otel.example.com"
  exporter_type = "grpc"
  signals       = ["traces", "events"]
  headers       = {}
}
resource "heroku_telemetry_drain" "none" {
  owner_id      = "01234567-89ab-cdef-0123-456789abcdef"
  owner_type    = "app"
  endpoint      = "https://otel.example.com"
  exporter_type = "otlphttp"
  signals       = []
  headers       = {}
}
`);
    const plan = await tf.run("plan");
    expect(plan.code).not.toBe(0);
    const output = plan.output.replace(/\s+/g, " ");
    expect(output).toContain('expected "owner_id" to be a valid UUID, got my-app');
    expect(output).toContain("expected owner_type to be one of [app space], got team");
    expect(output).toContain("expected exporter_type to be one of [otlphttp otlp], got grpc");
    expect(output).toMatch(/expected signals\.\d to be one of \[traces metrics logs\], got events/);
    expect(output).toContain("Not enough list items");
    expect(output).toContain("Attribute signals requires 1 item minimum, but config has only 0 declared.");
  });

  it("refuses a Cedar app as the real provider does, before asking the platform for a drain", async () => {
    // GIVEN an app in the Common Runtime (Cedar, as every app outside a Fir space)
    const tf = await initialized(`
resource "heroku_app" "a" {
  name   = "otel-cedar"
  region = "us"
}
resource "heroku_telemetry_drain" "d" {
  owner_id      = heroku_app.a.uuid
  owner_type    = "app"
  endpoint      = "https://otel.example.com/v1"
  exporter_type = "otlphttp"
  signals       = ["traces", "metrics"]
  headers       = { "API-Key" = "k" }
}
`);
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code).not.toBe(0);
    expect(applied.output.replace(/\s+/g, " ")).toContain(
      "telemetry drains are only supported for Fir generation apps. App 'otel-cedar' is cedar generation. Use heroku_drain for Cedar apps",
    );
    expect((await tf.run("destroy", "-auto-approve")).code).toBe(0);
  });

  it("drains a Fir app and its Fir space: creates, updates signals in place, refuses import, and goes with the app", async () => {
    // GIVEN a Fir space, an app in it, and a drain on each
    const estate = (appSignals: string) => `
resource "heroku_space" "s" {
  name         = "otel-space"
  organization = "dynoform-team"
  region       = "virginia"
  generation   = "fir"
}
resource "heroku_app" "a" {
  name   = "otel-fir"
  region = "virginia"
  space  = heroku_space.s.name
  organization {
    name = "dynoform-team"
  }
}
resource "heroku_telemetry_drain" "d" {
  owner_id      = heroku_app.a.uuid
  owner_type    = "app"
  endpoint      = "https://otel.example.com/v1"
  exporter_type = "otlphttp"
  signals       = ${appSignals}
  headers       = { "API-Key" = "k" }
}
resource "heroku_telemetry_drain" "space" {
  owner_id      = heroku_space.s.id
  owner_type    = "space"
  endpoint      = "collector.example.com:4317"
  exporter_type = "otlp"
  signals       = ["logs"]
  headers       = { "X-Team" = "t" }
}
`;
    const tf = await initialized(estate(`["traces", "metrics"]`));
    // WHEN it is applied
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    // THEN the platform has the app's drain, as configured, and the space's
    const app = await api.get<any>("/apps/otel-fir");
    expect(app.generation.name).toBe("fir");
    const [drain] = await api.get<any[]>("/apps/otel-fir/telemetry-drains");
    expect(drain).toMatchObject({ owner: { id: app.id, type: "app" }, exporter: { type: "otlphttp", endpoint: "https://otel.example.com/v1", headers: { "API-Key": "k" } } });
    expect([...drain.signals].sort()).toEqual(["metrics", "traces"]);
    expect(await api.get<any[]>("/spaces/otel-space/telemetry-drains")).toMatchObject([{ owner: { type: "space" }, exporter: { type: "otlp" }, signals: ["logs"] }]);
    // AND the state reads back with nothing to change
    expect((await tf.run("state", "show", "heroku_telemetry_drain.d")).output).toContain(`id            = "${drain.id}"`);
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // WHEN the app's drain sends logs instead
    tf.write(provider() + estate(`["logs"]`));
    const updated = await tf.run("apply", "-auto-approve");
    // THEN it is changed in place, and keeps its id
    expect(updated.output, `${updated.code}: ${updated.output}`).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
    expect(await api.get<any>(`/telemetry-drains/${drain.id}`)).toMatchObject({ signals: ["logs"], exporter: { headers: { "API-Key": "k" } } });
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // WHEN it is forgotten and imported by its id, the real resource's refusal
    expect((await tf.run("state", "rm", "heroku_telemetry_drain.d")).code).toBe(0);
    const imported = await tf.run("import", "heroku_telemetry_drain.d", drain.id);
    expect(imported.code).not.toBe(0);
    expect(imported.output).toContain("resource heroku_telemetry_drain doesn't support import");

    // WHEN the rest is destroyed
    const destroyed = await tf.run("destroy", "-auto-approve");
    expect(destroyed.code, destroyed.output).toBe(0);
    // THEN the forgotten drain went with its app, and the space's with its destroy
    await expect(api.get(`/telemetry-drains/${drain.id}`)).rejects.toThrow(/Couldn't find that telemetry drain/);
    await expect(api.get("/spaces/otel-space")).rejects.toThrow(/Couldn't find that space/);
  });

  it("refuses a log drain (heroku_drain) on a Fir app with the real provider's words, before any drain is made", async () => {
    // GIVEN an app in a Fir space, and a traditional log drain on it
    const tf = await initialized(`
resource "heroku_space" "s" {
  name         = "logs-fir-space"
  organization = "dynoform-team"
  region       = "virginia"
  generation   = "fir"
}
resource "heroku_app" "a" {
  name   = "logs-fir"
  region = "virginia"
  space  = heroku_space.s.name
  organization {
    name = "dynoform-team"
  }
}
resource "heroku_drain" "d" {
  app_id = heroku_app.a.id
  url    = "https://logs.example.com/drain"
}
`);
    // WHEN it is applied
    const applied = await tf.run("apply", "-auto-approve");
    // THEN the drain fails as the real provider's does, and the platform holds no log drain
    expect(applied.code).not.toBe(0);
    expect(applied.output.replace(/\s+/g, " ")).toContain("traditional log drains are not supported for Fir generation apps. App 'logs-fir' is fir generation. Use heroku_telemetry_drain for Fir apps");
    expect(await api.get<unknown[]>("/apps/logs-fir/log-drains")).toEqual([]);
    expect((await tf.run("destroy", "-auto-approve")).code).toBe(0);
  });

  it("has no importer, as the real one", async () => {
    const tf = await initialized(`
resource "heroku_telemetry_drain" "d" {
  owner_id      = "01234567-89ab-cdef-0123-456789abcdef"
  owner_type    = "app"
  endpoint      = "https://otel.example.com/v1"
  exporter_type = "otlphttp"
  signals       = ["logs"]
  headers       = {}
}
`);
    const imported = await tf.run("import", "heroku_telemetry_drain.d", "01234567-89ab-cdef-0123-456789abcdef");
    expect(imported.code).not.toBe(0);
    expect(imported.output).toContain("resource heroku_telemetry_drain doesn't support import");
  });
});
