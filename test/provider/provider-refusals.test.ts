import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HerokuClient } from "../../lib/heroku-api-client";
import { startPlatform, type RunningPlatform } from "../../platform";
import { selfSignedCert } from "../../lib/self-signed-cert";
import { initializedOn, platformProviderBlock, TerraformDir } from "./terraform-harness";

/**
 * Where heroku/heroku 5.3.2 refuses a configuration, the local provider
 * refuses it at the same step (plan or apply) with the same words, through
 * real terraform; and heroku_slug takes its checksum from the local archive
 * and uploads it, as the real one does.
 */
let platform: RunningPlatform;
let api: HerokuClient;

const provider = () => platformProviderBlock(platform.url);

beforeAll(async () => {
  platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-refusals-")), port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
  api = new HerokuClient({ url: platform.url, apiKey: platform.apiKey });
});
afterAll(() => platform.close());

const initialized = (body: string) => initializedOn(platform, body);

const flat = (text: string) => text.replace(/\s+/g, " ");

describe("the real provider's refusals", () => {
  it("at plan: an empty add-on name, http:// build and slug URLs, a pipeline owner id that is no UUID and an owner type that is not team or user", async () => {
    const tf = await initialized(`
resource "heroku_addon" "db" {
  app_id = "01234567-89ab-cdef-0123-456789abcdef"
  plan   = "heroku-postgresql:essential-0"
  name   = ""
}
resource "heroku_build" "b" {
  app_id = "01234567-89ab-cdef-0123-456789abcdef"
  source {
    url = "http://example.com/app.tgz"
  }
}
resource "heroku_slug" "s" {
  app_id        = "01234567-89ab-cdef-0123-456789abcdef"
  file_url      = "http://example.com/slug.tgz"
  process_types = { web = "node server.js" }
}
resource "heroku_pipeline" "p" {
  name = "refused"
  owner {
    id   = "my-team"
    type = "org"
  }
}
`);
    const plan = await tf.run("plan");
    expect(plan.code).not.toBe(0);
    const output = flat(plan.output);
    expect(output).toContain("expected length of name to be in the range (1 - 256), got");
    expect(output).toContain("invalid value for name (Invalid custom addon name: must start with a letter and can only contain lowercase letters, numbers, and dashes)");
    expect(output).toContain('"source.0.url" must be a secure URL, start with `https://`. Value is "http://example.com/app.tgz"');
    expect(output).toContain('"file_url" must be a secure URL, start with `https://`. Value is "http://example.com/slug.tgz"');
    expect(output).toContain('expected "owner.0.id" to be a valid UUID, got my-team');
    expect(output).toContain("expected owner.0.type to be one of [team user], got org");
  });

  it("at apply: a config var both plain and sensitive, and a slug with neither file_path nor file_url", async () => {
    const tf = await initialized(`
resource "heroku_config" "c" {
  vars           = { TOKEN = "a" }
  sensitive_vars = { TOKEN = "b" }
}
resource "heroku_app" "dup" {
  name                  = "refusals-dup"
  region                = "us"
  config_vars           = { API_KEY = "a" }
  sensitive_config_vars = { API_KEY = "b" }
}
resource "heroku_app" "a" {
  name   = "refusals-slug"
  region = "us"
}
resource "heroku_slug" "none" {
  app_id        = heroku_app.a.id
  process_types = { web = "node server.js" }
}
`);
    // The real provider checks these when it creates, not when it plans
    expect((await tf.run("plan")).code).toBe(0);
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code).not.toBe(0);
    const output = flat(applied.output);
    expect(output).toContain("[ERROR] Detected duplicate config vars: [TOKEN]");
    expect(output).toContain("[ERROR] Detected duplicate config vars: [API_KEY]");
    expect(output).toContain("Error creating slug: requires either `file_path` or `file_url` attribute");
    // AND no app was made with the duplicated var, nor any slug
    expect((await api.list<any>("/apps")).map((a) => a.name)).toEqual(["refusals-slug"]);
    expect(await api.list<any>("/apps/refusals-slug/releases")).toHaveLength(1);
    expect((await tf.run("destroy", "-auto-approve")).code).toBe(0);
  });
});

describe("heroku_slug from a local archive", () => {
  it("sends the archive's SHA256 as its checksum, uploads it, and is replaced when the archive changes", async () => {
    const tf = new TerraformDir({ HEROKU_API_KEY: platform.apiKey });
    mkdirSync(join(tf.dir, "slug", "app"), { recursive: true });
    const pack = (content: string) => {
      writeFileSync(join(tf.dir, "slug", "app", "server.js"), content);
      execFileSync("tar", ["czf", join(tf.dir, "slug.tgz"), "-C", join(tf.dir, "slug"), "./app"]);
      return `SHA256:${createHash("sha256").update(readFileSync(join(tf.dir, "slug.tgz"))).digest("hex")}`;
    };
    const first = pack("console.log('one')\n");
    tf.write(
      provider() +
        `
resource "heroku_app" "a" {
  name   = "checksum-app"
  region = "us"
}
resource "heroku_slug" "s" {
  app_id        = heroku_app.a.id
  file_path     = "slug.tgz"
  process_types = { web = "node app/server.js" }
}
`,
    );
    expect((await tf.run("init")).code).toBe(0);
    // WHEN applied
    const applied = await tf.run("apply", "-auto-approve");
    expect(applied.code, applied.output).toBe(0);
    // THEN state and platform hold the archive's checksum, and the blob is the archive
    const shown = (await tf.run("state", "show", "heroku_slug.s")).output;
    expect(flat(shown)).toContain(`checksum = "${first}"`);
    const [slugId] = /\bid\s+= "([0-9a-f-]{36})"/.exec(shown)!.slice(1);
    const slug = await api.get<any>(`/apps/checksum-app/slugs/${slugId}`);
    expect(slug.checksum).toBe(first);
    const blob = await fetch(slug.blob.url);
    expect(Buffer.from(await blob.arrayBuffer()).equals(readFileSync(join(tf.dir, "slug.tgz")))).toBe(true);
    expect((await tf.run("plan", "-detailed-exitcode")).code).toBe(0);

    // AND WHEN the archive changes, the plan replaces the slug on its checksum
    const second = pack("console.log('two')\n");
    const plan = await tf.run("plan", "-detailed-exitcode");
    expect(plan.code, plan.output).toBe(2);
    expect(plan.output).toMatch(/heroku_slug\.s must be replaced/);
    expect(flat(plan.output)).toContain(`~ checksum = "${first}" -> "${second}" # forces replacement`);
    expect((await tf.run("destroy", "-auto-approve")).code).toBe(0);
  });
});

describe("heroku_slug from an https:// file_url", () => {
  it("downloads the archive, checksums and uploads it; a URL that answers 404 fails with the real provider's message", async () => {
    // GIVEN an https server (self-signed, trusted by the provider through NODE_TLS_REJECT_UNAUTHORIZED) serving a slug archive
    const tf = new TerraformDir({ HEROKU_API_KEY: platform.apiKey, NODE_TLS_REJECT_UNAUTHORIZED: "0" });
    mkdirSync(join(tf.dir, "slug", "app"), { recursive: true });
    writeFileSync(join(tf.dir, "slug", "app", "server.js"), "console.log('remote')\n");
    execFileSync("tar", ["czf", join(tf.dir, "remote.tgz"), "-C", join(tf.dir, "slug"), "./app"]);
    const archive = readFileSync(join(tf.dir, "remote.tgz"));
    const cert = selfSignedCert();
    const server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
      if (req.url === "/slug.tgz") res.writeHead(200, { "Content-Type": "application/gzip" }).end(archive);
      else res.writeHead(404).end("no such file");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      tf.write(
        provider() +
          `
resource "heroku_app" "a" {
  name   = "remote-slug-app"
  region = "us"
}
resource "heroku_slug" "s" {
  app_id        = heroku_app.a.id
  file_url      = "https://127.0.0.1:${port}/slug.tgz"
  process_types = { web = "node app/server.js" }
}
resource "heroku_slug" "missing" {
  app_id        = heroku_app.a.id
  file_url      = "https://127.0.0.1:${port}/missing.tgz"
  process_types = { web = "node app/server.js" }
}
`,
      );
      expect((await tf.run("init")).code).toBe(0);
      const applied = await tf.run("apply", "-auto-approve");
      // THEN the missing archive fails as the real one reports it
      expect(applied.code).not.toBe(0);
      expect(flat(applied.output)).toContain(`Unsuccessful HTTP response from slug download: 404 Not Found (https://127.0.0.1:${port}/missing.tgz)`);
      // AND the other slug holds the downloaded archive, checksummed
      const id = /heroku_slug\.s: Creation complete after \S+ \[id=([0-9a-f-]{36})\]/.exec(applied.output)?.[1];
      expect(id, applied.output).toBeTruthy();
      const made = await api.get<any>(`/apps/remote-slug-app/slugs/${id}`);
      expect(made.checksum).toBe(`SHA256:${createHash("sha256").update(archive).digest("hex")}`);
      expect(Buffer.from(await (await fetch(made.blob.url)).arrayBuffer()).equals(archive)).toBe(true);
      expect((await tf.run("destroy", "-auto-approve")).code).toBe(0);
    } finally {
      server.close();
    }
  });
});
