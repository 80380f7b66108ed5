/**
 * Rules across the apps of one estate: Heroku names that are unique (app
 * names across Heroku, custom hostnames across apps). Several apps may share
 * a pipeline stage: Heroku allows any number per stage. A pipeline has one
 * review app configuration (heroku_review_app_config is keyed by the
 * pipeline), so one member of a pipeline configures it.
 */
import { normalizeHostname } from "./domains";
import type { Problem } from "./problem";

export interface EstateMember {
  readonly name?: string;
  readonly domains: readonly (string | undefined)[];
  /** The pipeline whose review apps this member configures, if any. */
  readonly reviewAppsOf?: string;
  /** How messages name the member: its file, or its construct path. */
  readonly where: string;
}

/** A problem of one member of the estate (by its index). */
export interface EstateProblem extends Problem {
  readonly member: number;
}

/** Each problem is reported at the later member and names the earlier one. */
export function estateProblems(members: readonly EstateMember[]): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const apps = new Map<string, number>();
  const hosts = new Map<string, number>();
  const reviewApps = new Map<string, number>();
  members.forEach((member, i) => {
    if (member.name !== undefined) {
      const earlier = apps.get(member.name);
      if (earlier !== undefined) problems.push({ member: i, path: ["app", "name"], message: `"${member.name}" is already the app of ${members[earlier].where}` });
      else apps.set(member.name, i);
    }
    if (member.reviewAppsOf !== undefined) {
      const earlier = reviewApps.get(member.reviewAppsOf);
      if (earlier !== undefined) {
        problems.push({
          member: i,
          path: ["pipeline", "reviewApps"],
          message: `pipeline "${member.reviewAppsOf}" has its review apps configured in ${members[earlier].where} already: a pipeline has one review app configuration`,
        });
      } else reviewApps.set(member.reviewAppsOf, i);
    }
    member.domains.forEach((host, j) => {
      if (host === undefined) return;
      const normal = normalizeHostname(host);
      const earlier = hosts.get(normal);
      if (earlier !== undefined && earlier !== i) problems.push({ member: i, path: ["domains", j], message: `"${host}" is already a domain of ${members[earlier].where}` });
      else hosts.set(normal, i);
    });
  });
  return problems;
}
