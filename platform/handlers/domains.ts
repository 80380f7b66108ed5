/**
 * Domains, ACM and SNI endpoints. Every app has its `<name>.herokuapp.com`
 * domain; a custom hostname gets a DNS target on herokudns.com to point a
 * CNAME at. With ACM on, certificates are reported issued: the embedded
 * platform cannot see DNS, so it does not wait for it.
 */
import { createHash, randomUUID, X509Certificate } from "node:crypto";
import { HOSTNAME_PATTERN } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, DomainRecord, PlatformData, SniEndpointRecord, SslCert } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { findApp, recordsOfApp } from "./apps";

const ADJECTIVES = ["agile", "brave", "calm", "deep", "eager", "fancy", "gentle", "happy", "kind", "lively", "mellow", "quiet"];
const NOUNS = ["river", "meadow", "forest", "harbor", "canyon", "summit", "prairie", "glacier", "island", "valley", "ridge", "delta"];

/** A stable herokudns.com target for a hostname (internal helper). */
function dnsTarget(hostname: string, appId: string): string {
  const hash = createHash("sha256").update(`${appId}:${hostname}`).digest();
  return `${ADJECTIVES[hash[0] % ADJECTIVES.length]}-${NOUNS[hash[1] % NOUNS.length]}-${hash.subarray(2, 12).toString("hex")}.herokudns.com`;
}

function newDomain(app: AppRecord, hostname: string, kind: DomainRecord["kind"]): DomainRecord {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    app: { id: app.id, name: app.name },
    hostname,
    kind,
    cname: kind === "custom" ? dnsTarget(hostname, app.id) : null,
    status: "succeeded",
    acm_status: kind === "custom" && app.acm ? "cert issued" : null,
    acm_status_reason: null,
    sni_endpoint: null,
    created_at: now,
    updated_at: now,
  };
}

/** The app's own herokuapp.com domain, made with the app. */
export function addHerokuDomain(data: PlatformData, app: AppRecord): void {
  data.domains.push(newDomain(app, `${app.name}.herokuapp.com`, "heroku"));
}

function findDomain(data: Readonly<PlatformData>, app: AppRecord, key: string): DomainRecord {
  const domain = data.domains.find((d) => d.app.id === app.id && (d.id === key || d.hostname === key));
  if (!domain) throw ApiError.notFound("domain");
  return domain;
}

function findSniEndpoint(data: Readonly<PlatformData>, app: AppRecord, key: string): SniEndpointRecord {
  const found = data.sniEndpoints.find((s) => s.app.id === app.id && (s.id === key || s.name === key));
  if (!found) throw ApiError.notFound("sni_endpoint");
  return found;
}

/** What a certificate chain says of its first certificate; nulls when it cannot be read (internal helper). */
function sslCert(chain: string): SslCert {
  const unread: SslCert = { id: randomUUID(), "ca_signed?": false, "self_signed?": false, cert_domains: [], issuer: null, subject: null, starts_at: null, expires_at: null };
  try {
    const cert = new X509Certificate(chain);
    const names = (cert.subjectAltName ?? "").split(", ").filter((n) => n.startsWith("DNS:")).map((n) => n.slice(4));
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

/** Keeps each SNI endpoint's `domains` in step with the domains that point at it (internal helper). */
function linkSniDomains(data: PlatformData): void {
  for (const sni of data.sniEndpoints) sni.domains = data.domains.filter((d) => d.sni_endpoint?.id === sni.id).map((d) => d.hostname);
}

function setAcm(data: PlatformData, app: AppRecord, enabled: boolean): AppRecord {
  app.acm = enabled;
  app.updated_at = new Date().toISOString();
  for (const domain of data.domains.filter((d) => d.app.id === app.id && d.kind === "custom")) domain.acm_status = enabled ? "cert issued" : null;
  return app;
}

export function domainRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/domains", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "domains")) }));
  router.add("GET", "/apps/{app}/domains/{domain}", ({ params }) => ({
    body: store.read((d) => findDomain(d, findApp(d, params.app), params.domain)),
  }));
  router.add("POST", "/apps/{app}/domains", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const hostname = String(body.hostname ?? "").toLowerCase();
      if (!HOSTNAME_PATTERN.test(hostname)) throw ApiError.invalidParams(`${hostname || "(empty)"} is not a valid hostname.`);
      if (hostname.endsWith(".herokuapp.com")) throw ApiError.invalidParams("herokuapp.com domains are managed by Heroku.");
      const taken = data.domains.find((d) => d.hostname === hostname);
      if (taken) {
        throw ApiError.invalidParams(taken.app.id === app.id ? "Domain already added to this app." : "Domain already added to another app.");
      }
      const domain = newDomain(app, hostname, "custom");
      if (typeof body.sni_endpoint === "string") {
        const sni = findSniEndpoint(data, app, body.sni_endpoint);
        domain.sni_endpoint = { id: sni.id, name: sni.name };
      }
      data.domains.push(domain);
      linkSniDomains(data);
      return { status: 201, body: domain };
    }),
  );
  router.add("PATCH", "/apps/{app}/domains/{domain}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const domain = findDomain(data, app, params.domain);
      if (body.sni_endpoint === null) domain.sni_endpoint = null;
      else if (typeof body.sni_endpoint === "string") {
        const sni = findSniEndpoint(data, app, body.sni_endpoint);
        domain.sni_endpoint = { id: sni.id, name: sni.name };
      }
      domain.updated_at = new Date().toISOString();
      linkSniDomains(data);
      return { body: domain };
    }),
  );
  router.add("DELETE", "/apps/{app}/domains/{domain}", ({ params }) =>
    store.mutate((data) => {
      const domain = findDomain(data, findApp(data, params.app), params.domain);
      if (domain.kind === "heroku") throw ApiError.invalidParams("The herokuapp.com domain cannot be removed.");
      data.domains = data.domains.filter((d) => d.id !== domain.id);
      linkSniDomains(data);
      return { body: domain };
    }),
  );

  router.add("POST", "/apps/{app}/acm", ({ params }) => store.mutate((data) => ({ body: setAcm(data, findApp(data, params.app), true) })));
  router.add("DELETE", "/apps/{app}/acm", ({ params }) => store.mutate((data) => ({ body: setAcm(data, findApp(data, params.app), false) })));

  router.add("GET", "/apps/{app}/sni-endpoints", ({ params }) => ({ body: store.read((d) => recordsOfApp(d, params.app, "sniEndpoints")) }));
  router.add("GET", "/apps/{app}/sni-endpoints/{sni}", ({ params }) => ({
    body: store.read((d) => findSniEndpoint(d, findApp(d, params.app), params.sni)),
  }));
  router.add("POST", "/apps/{app}/sni-endpoints", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const chain = String(body.certificate_chain ?? "");
      if (!chain.includes("BEGIN CERTIFICATE")) throw ApiError.invalidParams("certificate_chain must be a PEM certificate chain.");
      if (!String(body.private_key ?? "").includes("PRIVATE KEY")) throw ApiError.invalidParams("private_key must be a PEM private key.");
      const now = new Date().toISOString();
      const sni: SniEndpointRecord = {
        id: randomUUID(),
        name: `${ADJECTIVES[data.sniEndpoints.length % ADJECTIVES.length]}-${10000 + data.sniEndpoints.length}`,
        display_name: null,
        app: { id: app.id, name: app.name },
        certificate_chain: chain,
        domains: [],
        ssl_cert: sslCert(chain),
        created_at: now,
        updated_at: now,
      };
      data.sniEndpoints.push(sni);
      return { status: 201, body: sni };
    }),
  );
  router.add("PATCH", "/apps/{app}/sni-endpoints/{sni}", ({ params, body }) =>
    store.mutate((data) => {
      const sni = findSniEndpoint(data, findApp(data, params.app), params.sni);
      if (typeof body.certificate_chain === "string") Object.assign(sni, { certificate_chain: body.certificate_chain, ssl_cert: sslCert(body.certificate_chain) });
      sni.updated_at = new Date().toISOString();
      return { body: sni };
    }),
  );
  router.add("DELETE", "/apps/{app}/sni-endpoints/{sni}", ({ params }) =>
    store.mutate((data) => {
      const sni = findSniEndpoint(data, findApp(data, params.app), params.sni);
      data.sniEndpoints = data.sniEndpoints.filter((s) => s.id !== sni.id);
      for (const d of data.domains) if (d.sni_endpoint?.id === sni.id) d.sni_endpoint = null;
      return { body: sni };
    }),
  );
}
