/**
 * SNI endpoints: an app's own certificates. Which hostnames one serves is
 * not stored with it but read from the domains that point at it, so the two
 * cannot disagree.
 */
import { randomUUID, X509Certificate } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { appRef, findOf } from "./app-lookup";
import { ADJECTIVES } from "./generated-names";
import { LIST_MAX, textField, type AppRecord, type PlatformData, type SniEndpointRecord, type SslCert } from "./records";
import { parseBody } from "./request-shapes";

/** An endpoint of an app by id or name. */
export function findSniEndpoint(data: Readonly<PlatformData>, app: AppRecord, key: string): SniEndpointRecord {
  return findOf(data.sniEndpoints, app, key, "sni_endpoint", (s) => s.name === key);
}

/** What a certificate chain says of its first certificate; nulls when it cannot be read (internal helper). */
function sslCert(chain: string): SslCert {
  const unread: SslCert = { id: randomUUID(), "ca_signed?": false, "self_signed?": false, cert_domains: [], issuer: null, subject: null, starts_at: null, expires_at: null };
  try {
    const cert = new X509Certificate(chain);
    // A chain within TEXT_MAX holds far fewer names than LIST_MAX; the slice keeps the record in shape regardless.
    const names = (cert.subjectAltName ?? "").split(", ").filter((n) => n.startsWith("DNS:")).map((n) => n.slice(4)).slice(0, LIST_MAX);
    const selfSigned = cert.issuer === cert.subject;
    return {
      ...unread,
      "ca_signed?": !selfSigned,
      "self_signed?": selfSigned,
      cert_domains: names,
      issuer: cert.issuer,
      subject: cert.subject,
      starts_at: new Date(cert.validFrom).toISOString(),
      expires_at: new Date(cert.validTo).toISOString(),
    };
  } catch {
    return unread;
  }
}

/** What a client sends of a certificate: its chain and its key, as PEM text. */
const certificateRequest = z.object({ certificate_chain: textField.optional(), private_key: textField.optional() });

/** A certificate for an app, with Heroku's checks that both parts are PEM. */
export function createSniEndpoint(data: PlatformData, app: AppRecord, body: Readonly<Record<string, unknown>>): SniEndpointRecord {
  const { certificate_chain: chain = "", private_key: privateKey = "" } = parseBody(certificateRequest, body);
  if (!chain.includes("BEGIN CERTIFICATE")) throw ApiError.invalidParams("certificate_chain must be a PEM certificate chain.");
  if (!privateKey.includes("PRIVATE KEY")) throw ApiError.invalidParams("private_key must be a PEM private key.");
  const now = new Date().toISOString();
  const sni: SniEndpointRecord = {
    id: randomUUID(),
    name: `${ADJECTIVES[data.sniEndpoints.length % ADJECTIVES.length]}-${10000 + data.sniEndpoints.length}`,
    display_name: null,
    app: { id: app.id },
    certificate_chain: chain,
    ssl_cert: sslCert(chain),
    created_at: now,
    updated_at: now,
  };
  data.sniEndpoints.push(sni);
  return sni;
}

/** An update of an endpoint: a new chain when one is given. */
export function updateSniEndpoint(sni: SniEndpointRecord, body: Readonly<Record<string, unknown>>): void {
  const chain = parseBody(certificateRequest, body).certificate_chain;
  if (chain !== undefined) Object.assign(sni, { certificate_chain: chain, ssl_cert: sslCert(chain) });
  sni.updated_at = new Date().toISOString();
}

/** Removes an endpoint; the domains it served are served without it. */
export function removeSniEndpoint(data: PlatformData, sni: SniEndpointRecord): void {
  data.sniEndpoints = data.sniEndpoints.filter((s) => s.id !== sni.id);
  for (const d of data.domains) if (d.sni_endpoint?.id === sni.id) d.sni_endpoint = null;
}

/** An endpoint as answered: its app named, and the hostnames of the domains it serves. */
export function sniEndpointView(data: Readonly<PlatformData>, sni: SniEndpointRecord) {
  const domains = data.domains.filter((d) => d.sni_endpoint?.id === sni.id).map((d) => d.hostname);
  return { ...sni, app: appRef(data, sni.app), domains };
}
