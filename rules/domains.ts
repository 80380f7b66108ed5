/** Custom domains: DNS names, which Heroku compares without regard to case. */
import { HOSTNAME_PATTERN } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

export const HOSTNAME_RULE = "DNS labels separated by dots, like www.example.com";

/** `WWW.Example.com` and `www.example.com` are one domain to Heroku. */
export function normalizeHostname(hostname: string): string {
  return hostname.toLowerCase();
}

/** Each hostname is a DNS name and is listed once. */
export function domainProblems(app: AppFacts): Problem[] {
  const seen = new Set<string>();
  return app.domains.flatMap((host, i): Problem[] => {
    if (host === undefined) return [];
    const normal = normalizeHostname(host);
    if (!HOSTNAME_PATTERN.test(host)) {
      return [{ path: ["domains", i], message: `"${host}" is not a hostname: ${HOSTNAME_RULE}` }];
    }
    if (seen.has(normal)) return [{ path: ["domains", i], message: `"${host}" is listed twice` }];
    seen.add(normal);
    return [];
  });
}
