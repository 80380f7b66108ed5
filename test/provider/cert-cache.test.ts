import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installLocalProvider } from "../../provider/install/install-provider";
import { cachedServerCert, CERT_CACHE_FILE } from "../../provider/server/cert-cache";
import { selfSignedCert } from "../../lib/self-signed-cert";

const DAY = 24 * 3_600_000;
const cacheDir = () => join(mkdtempSync(join(tmpdir(), "dynoform-cert-cache-")), "provider-cache");
const mode = (path: string) => statSync(path).mode & 0o777;

/** The pair a start would serve with, checked as the TLS server will use it. */
function expectUsable(cert: { certPem: string; keyPem: string; certDer: Buffer }) {
  const x509 = new X509Certificate(cert.certPem);
  expect(x509.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
  expect(Buffer.compare(x509.raw, cert.certDer)).toBe(0);
}

describe("the plugin's cached server certificate", () => {
  it("is made and cached 0600 in a 0700 folder when missing, then read back by the next start", () => {
    // GIVEN a cache folder that does not exist yet
    const dir = cacheDir();
    // WHEN two starts ask for the server certificate
    const first = cachedServerCert(dir);
    const second = cachedServerCert(dir);
    // THEN the first made a usable pair and cached it for this user alone, and the second served the same one
    expectUsable(first);
    expect(mode(join(dir, CERT_CACHE_FILE))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(Buffer.compare(second.certDer, first.certDer)).toBe(0);
  });

  it.each([
    ["not JSON", () => "\u0000garbage{"],
    ["cut short", () => JSON.stringify({ certPem: selfSignedCert().certPem, keyPem: "" }).slice(0, 200)],
    ["a certificate with another key", () => JSON.stringify({ certPem: selfSignedCert().certPem, keyPem: selfSignedCert().keyPem })],
  ])("replaces a cached file that is %s", (_, content) => {
    // GIVEN a cache holding a corrupt file, with the right permissions
    const dir = cacheDir();
    cachedServerCert(dir);
    const file = join(dir, CERT_CACHE_FILE);
    writeFileSync(file, content());
    // WHEN a start asks for the server certificate
    const cert = cachedServerCert(dir);
    // THEN it serves a new usable pair, and the cache holds that pair, still 0600
    expectUsable(cert);
    expect(JSON.parse(readFileSync(file, "utf8")).certPem).toBe(cert.certPem);
    expect(mode(file)).toBe(0o600);
  });

  it("replaces a cached key that others could read, as leaked", () => {
    // GIVEN a cached pair whose file was made readable by everyone
    const dir = cacheDir();
    const cached = cachedServerCert(dir);
    chmodSync(join(dir, CERT_CACHE_FILE), 0o644);
    // WHEN a start asks for the server certificate
    const cert = cachedServerCert(dir);
    // THEN the pair is new and its file is private again
    expect(Buffer.compare(cert.certDer, cached.certDer)).not.toBe(0);
    expect(mode(join(dir, CERT_CACHE_FILE))).toBe(0o600);
  });

  it("keeps a certificate for days, and replaces it within a day of its expiry", () => {
    // GIVEN a pair cached now (valid a week)
    const dir = cacheDir();
    const cached = cachedServerCert(dir);
    // WHEN starts come five days later, then six and a half
    const later = cachedServerCert(dir, Date.now() + 5 * DAY);
    const nearExpiry = cachedServerCert(dir, Date.now() + 6.5 * DAY);
    // THEN the first still serves the cached pair, the second a new one that outlives that start by days
    expect(Buffer.compare(later.certDer, cached.certDer)).toBe(0);
    expect(Buffer.compare(nearExpiry.certDer, cached.certDer)).not.toBe(0);
    expect(Date.parse(new X509Certificate(nearExpiry.certPem).validTo)).toBeGreaterThan(Date.now() + 6 * DAY);
  });
});

describe("the installed provider's start", () => {
  it("loads neither gRPC nor the schema nor the resources before its handshake, and points its cache beside the mirror", () => {
    // GIVEN the provider installed in a mirror
    const dir = mkdtempSync(join(tmpdir(), "dynoform-start-"));
    const { packageDir } = installLocalProvider(dir);
    // WHEN the script the shim runs is read
    const script = readFileSync(join(packageDir, "provider.cjs"), "utf8");
    const shim = readFileSync(join(packageDir, "terraform-provider-heroku_v5.3.2"), "utf8");
    // THEN it holds none of them (they come with the script it loads after the line), and the cache is outside the package
    expect(script).not.toMatch(/node_modules\/@grpc|heroku-schema\.json|provider\/resources\//);
    expect(script).toContain('require("./server/grpc-server")');
    expect(shim).toContain(`DYNOFORM_PROVIDER_CACHE='${join(dir, "provider-cache")}'`);
  });
});
