/**
 * The plugin's server certificate and key, kept between starts in the
 * provider's cache folder (beside the mirror, never inside the package
 * Terraform hashes), so that a start reads a file instead of making a key
 * and signing a certificate. A cached pair that is missing, unreadable,
 * corrupt, not this user's own 0600 file, mismatched, or within a day of
 * expiring is replaced by a new one (valid a week), written atomically 0600.
 *
 * Why keeping the key is safe:
 * - The client side is untouched: Terraform makes a new client certificate
 *   every run and passes it in PLUGIN_CLIENT_CERT; the server accepts that one
 *   only. So the cached key never lets anyone call the provider.
 * - The server certificate only proves to Terraform that it reached the
 *   process it started: Terraform trusts exactly the certificate printed on
 *   that process's stdout (a pipe to Terraform alone), and dials the socket
 *   named on the same line, in a new 0700 folder. Someone holding the key
 *   would still have to be that process to be believed.
 * - Only this user can read the key (0600 file, 0700 folder, checked on every
 *   read: a file others could read counts as leaked and is replaced). Whoever
 *   runs as this user can read the provider's memory or change its script
 *   anyway, so the cache exposes nothing they could not already take.
 * - A leaked key is good for a week at most: the certificate expires.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmodSync, closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../lib/atomic-file";
import { selfSignedCert, type SelfSignedCert } from "../../lib/self-signed-cert";

export const CERT_CACHE_FILE = "server-cert.json";
const LIFETIME_HOURS = 7 * 24;
const RENEW_WITHIN_MS = 24 * 3_600_000;

/** The cached server certificate in `dir`, or a new one, cached for the next start. */
export function cachedServerCert(dir: string, now = Date.now()): SelfSignedCert {
  const file = join(dir, CERT_CACHE_FILE);
  const cached = readCached(file, now);
  if (cached) return cached;
  const fresh = selfSignedCert(LIFETIME_HOURS);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    writeFileAtomic(file, JSON.stringify({ certPem: fresh.certPem, keyPem: fresh.keyPem }), 0o600);
  } catch {
    // A cache that cannot be written costs the next start a new key, nothing else.
  }
  return fresh;
}

/** The pair in `file` if it is still good to serve with (internal helper). */
function readCached(file: string, now: number): SelfSignedCert | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.uid !== process.getuid?.() || (stat.mode & 0o077) !== 0) return undefined;
    const { certPem, keyPem } = JSON.parse(readFileSync(fd, "utf8")) as { certPem: string; keyPem: string };
    const cert = new X509Certificate(certPem);
    if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) - now < RENEW_WITHIN_MS) return undefined;
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    return { certPem, keyPem, certDer: cert.raw };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
