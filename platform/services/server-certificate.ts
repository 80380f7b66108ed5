/**
 * The self-signed certificate a data server offers over TLS, as Heroku's
 * own do (clients are told not to verify it): made once per server folder,
 * its key 0600 and the server user's.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { selfSignedCert } from "../../lib/self-signed-cert";
import { giveTo, type ServerUser } from "./server-user";

/** Ten years: a local server's certificate should not expire under a rehearsal. */
const LIFETIME_HOURS = 10 * 365 * 24;

/** Writes `<name>.crt` and `<name>.key` into `folder` unless they are there. */
export function writeServerCertificate(user: ServerUser, folder: string, name: string): void {
  const [cert, key] = [join(folder, `${name}.crt`), join(folder, `${name}.key`)];
  if (existsSync(cert) && existsSync(key)) return;
  const made = selfSignedCert(LIFETIME_HOURS);
  writeFileSync(key, made.keyPem, { mode: 0o600 });
  writeFileSync(cert, made.certPem, { mode: 0o644 });
  for (const file of [key, cert]) giveTo(user, file);
}
