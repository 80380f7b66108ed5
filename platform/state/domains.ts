/**
 * Domains and ACM. Every app has its `<name>.herokuapp.com` domain, renamed
 * with the app; a custom hostname gets a DNS target on herokudns.com to point
 * a CNAME at. With ACM on, certificates are reported issued: the embedded
 * platform cannot see DNS, so it does not wait for it.
 */
import { createHash, randomUUID } from "node:crypto";
import { HOSTNAME_PATTERN } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { appRef, findOf } from "./app-lookup";
import { ADJECTIVES, NOUNS } from "./generated-names";
import { checkRoomForOne, LIMITS } from "./limits";
import type { AppRecord, DomainRecord, PlatformData } from "./records";
import { findSniEndpoint } from "./sni-endpoints";

/** The hostname Heroku serves an app on, from its name. */
export function herokuHostname(appName: string): string {
  return `${appName}.herokuapp.com`;
}

/** A stable herokudns.com target for a hostname (internal helper). */
function dnsTarget(hostname: string, appId: string): string {
  const hash = createHash("sha256").update(`${appId}:${hostname}`).digest();
  return `${ADJECTIVES[hash[0] % ADJECTIVES.length]}-${NOUNS[hash[1] % NOUNS.length]}-${hash.subarray(2, 12).toString("hex")}.herokudns.com`;
}

function newDomain(data: PlatformData, app: AppRecord, hostname: string, kind: DomainRecord["kind"]): DomainRecord {
  const now = new Date().toISOString();
  const domain: DomainRecord = {
    id: randomUUID(),
    app: { id: app.id },
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
  data.domains.push(domain);
  return domain;
}

/** The app's own herokuapp.com domain, made with the app. */
export function addHerokuDomain(data: PlatformData, app: AppRecord): void {
  newDomain(data, app, herokuHostname(app.name), "heroku");
}

/** A rename moves the app's herokuapp.com domain to the new name, as Heroku serves the app there at once. */
export function renameHerokuDomain(data: PlatformData, app: AppRecord): void {
  for (const domain of data.domains) if (domain.app.id === app.id && domain.kind === "heroku") domain.hostname = herokuHostname(app.name);
}

/** A domain of an app by id or hostname. */
export function findDomain(data: Readonly<PlatformData>, app: AppRecord, key: string): DomainRecord {
  return findOf(data.domains, app, key, "domain", (d) => d.hostname === key);
}

/** DNS allows names of at most 253 characters (RFC 1035, written without the final dot). */
const HOSTNAME_MAX = 253;

/** A custom domain, with Heroku's checks of the hostname and of the app's count; `sniEndpoint` names the app's certificate to serve it with. */
export function addCustomDomain(data: PlatformData, app: AppRecord, hostname: string, sniEndpoint?: string): DomainRecord {
  if (hostname.length > HOSTNAME_MAX || !HOSTNAME_PATTERN.test(hostname)) {
    const shown = hostname.length > HOSTNAME_MAX ? `${hostname.slice(0, 64)}…` : hostname || "(empty)";
    throw ApiError.invalidParams(`${shown} is not a valid hostname.`);
  }
  if (hostname.endsWith(".herokuapp.com")) throw ApiError.invalidParams("herokuapp.com domains are managed by Heroku.");
  const taken = data.domains.find((d) => d.hostname === hostname);
  if (taken) throw ApiError.invalidParams(taken.app.id === app.id ? "Domain already added to this app." : "Domain already added to another app.");
  checkRoomForOne(LIMITS.customDomainsPerApp, data.domains.filter((d) => d.app.id === app.id && d.kind === "custom").length);
  const domain = newDomain(data, app, hostname, "custom");
  pointDomain(data, app, domain, sniEndpoint);
  return domain;
}

/** Points a domain at one of the app's SNI endpoints (by id or name), at none with null, or leaves it with undefined. */
export function pointDomain(data: PlatformData, app: AppRecord, domain: DomainRecord, sniEndpoint: string | null | undefined): void {
  if (sniEndpoint !== undefined) domain.sni_endpoint = sniEndpoint === null ? null : { id: findSniEndpoint(data, app, sniEndpoint).id };
  domain.updated_at = new Date().toISOString();
}

export function removeDomain(data: PlatformData, domain: DomainRecord): void {
  if (domain.kind === "heroku") throw ApiError.invalidParams("The herokuapp.com domain cannot be removed.");
  data.domains = data.domains.filter((d) => d.id !== domain.id);
}

/** ACM on or off: the app's custom domains report their certificates issued, or none. */
export function setAcm(data: PlatformData, app: AppRecord, enabled: boolean): AppRecord {
  app.acm = enabled;
  app.updated_at = new Date().toISOString();
  for (const domain of data.domains.filter((d) => d.app.id === app.id && d.kind === "custom")) domain.acm_status = enabled ? "cert issued" : null;
  return app;
}

/** A domain as answered: its app and certificate named. */
export function domainView(data: Readonly<PlatformData>, domain: DomainRecord) {
  const sni = domain.sni_endpoint && data.sniEndpoints.find((s) => s.id === domain.sni_endpoint?.id);
  return { ...domain, app: appRef(data, domain.app), sni_endpoint: sni ? { id: sni.id, name: sni.name } : null };
}
