/** Automated Certificate Management (Dev Center, *Automated Certificate Management*). */
import { findDynoSize } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

/** ACM is not available on eco dynos, and issues no certificate for a wildcard domain. */
export function acmProblems(app: AppFacts): Problem[] {
  if (app.acm !== true) return [];
  const problems: Problem[] = [];
  const eco = Object.entries(app.formation).find(([, p]) => p.size !== undefined && findDynoSize(p.size)?.supportsAcm === false);
  if (eco) problems.push({ path: ["app", "acm"], message: `ACM is not available on eco dynos (formation.${eco[0]}.size is "${eco[1].size}")` });
  app.domains.forEach((host, i) => {
    if (host?.startsWith("*.")) {
      problems.push({ path: ["domains", i], message: `"${host}" is a wildcard domain: ACM issues no certificates for wildcard domains` });
    }
  });
  return problems;
}
