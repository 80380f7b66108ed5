import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type RunningPlatform } from "../../platform";
import { HerokuClient } from "../../lib/heroku-api-client";
import { selfSignedCert } from "../../lib/self-signed-cert";
import { platformProviderBlock, TerraformDir } from "./terraform-harness";

/**
 * The resources the example estate does not use, each applied by real
 * terraform through the local provider: created, planned again with
 * nothing to do, then destroyed, leaving the platform empty.
 */
let platform: RunningPlatform;
let tf: TerraformDir;
let api: HerokuClient;

beforeAll(async () => {
  platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-every-")), port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
  tf = new TerraformDir({ HEROKU_API_KEY: platform.apiKey });
  // A slug archive as Heroku takes one: the app under ./app
  mkdirSync(join(tf.dir, "slug", "app"), { recursive: true });
  writeFileSync(join(tf.dir, "slug", "app", "server.js"), "console.log('hi')\n");
  execFileSync("tar", ["czf", join(tf.dir, "slug.tgz"), "-C", join(tf.dir, "slug"), "./app"]);
  const cert = selfSignedCert();
  writeFileSync(join(tf.dir, "cert.pem"), cert.certPem);
  writeFileSync(join(tf.dir, "key.pem"), cert.keyPem);
  tf.write(`
${platformProviderBlock(platform.url)}resource "heroku_app" "a" {
  name   = "every-a"
  region = "us"
}
resource "heroku_app" "b" {
  name   = "every-b"
  region = "us"
}
resource "heroku_addon" "db" {
  app_id = heroku_app.a.id
  plan   = "heroku-postgresql:essential-0"
}
resource "heroku_addon_attachment" "shared" {
  app_id   = heroku_app.b.id
  addon_id = heroku_addon.db.id
  name     = "SHARED_DB"
}
resource "heroku_config" "common" {
  vars           = { REGION_NAME = "us-east" }
  sensitive_vars = { SHARED_TOKEN = "shared-token-value" }
}
resource "heroku_app_config_association" "b" {
  app_id         = heroku_app.b.id
  vars           = heroku_config.common.vars
  sensitive_vars = heroku_config.common.sensitive_vars
}
resource "heroku_app_feature" "metadata" {
  app_id = heroku_app.a.id
  name   = "runtime-dyno-metadata"
}
resource "heroku_slug" "s" {
  app_id        = heroku_app.a.id
  file_path     = "slug.tgz"
  process_types = { web = "node app/server.js" }
}
resource "heroku_app_release" "r" {
  app_id  = heroku_app.a.id
  slug_id = heroku_slug.s.id
}
resource "heroku_app_webhook" "hook" {
  app_id  = heroku_app.a.id
  level   = "notify"
  url     = "https://hooks.example.com/heroku"
  include = ["api:release"]
}
resource "heroku_collaborator" "ada" {
  app_id = heroku_app.a.id
  email  = "ada@example.com"
}
resource "heroku_drain" "logs" {
  app_id = heroku_app.a.id
  url    = "syslog+tls://logs.example.com:6514"
}
resource "heroku_ssl" "cert" {
  app_id            = heroku_app.a.id
  certificate_chain = file("cert.pem")
  private_key       = file("key.pem")
  depends_on        = [heroku_app_release.r]
}
resource "heroku_pipeline" "p" {
  name = "every"
}
resource "heroku_pipeline_config_var" "test" {
  pipeline_id    = heroku_pipeline.p.id
  pipeline_stage = "test"
  vars           = { CI = "true" }
}
`);
  const init = await tf.run("init");
  if (init.code !== 0) throw new Error(init.output);
});
afterAll(() => platform.close());

describe("the local provider: every resource the estate does not use", () => {
  it("creates them all, then plans nothing", async () => {
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toMatch(/Apply complete! Resources: 15 added, 0 changed, 0 destroyed/);
    // THEN the platform holds what each made
    expect((await api.list<any>("/apps/every-b/addon-attachments")).map((a) => a.name)).toContain("SHARED_DB");
    expect(await api.get<Record<string, string>>("/apps/every-b/config-vars")).toMatchObject({ REGION_NAME: "us-east", SHARED_TOKEN: "shared-token-value" });
    expect((await api.get<any>("/apps/every-a/features/runtime-dyno-metadata")).enabled).toBe(true);
    const [release] = await api.page<any>("/apps/every-a/releases", "version ..; max=1,order=desc");
    expect(release.slug?.id).toBeTruthy();
    expect((await api.list<any>("/apps/every-a/webhooks")).map((w) => w.url)).toEqual(["https://hooks.example.com/heroku"]);
    expect((await api.list<any>("/apps/every-a/collaborators")).map((c) => c.user.email)).toContain("ada@example.com");
    expect((await api.list<any>("/apps/every-a/log-drains")).map((d) => d.url)).toEqual(["syslog+tls://logs.example.com:6514"]);
    expect(await api.list<any>("/apps/every-a/sni-endpoints")).toHaveLength(1);
    // AND a second plan has nothing to do
    const again = await tf.run("plan", "-detailed-exitcode");
    expect(again.code, again.output).toBe(0);
  });

  it("destroys them all, leaving the platform empty", async () => {
    const destroyed = await tf.run("destroy", "-auto-approve");
    expect(destroyed.code, destroyed.output).toBe(0);
    expect(await api.list("/apps")).toEqual([]);
    expect(await api.list("/pipelines")).toEqual([]);
    expect(await api.list("/addons")).toEqual([]);
  });
});
