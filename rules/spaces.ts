/**
 * Private Spaces (heroku/heroku's heroku_space, the Platform API's `space`),
 * and the apps in them.
 */
import { SPACE_CIDR_PATTERN, SPACE_DATA_CIDR_PREFIX, SPACE_GENERATIONS, SPACE_NAME_PATTERN, isPrivateBlock, notAKnownName } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

/**
 * An app in a space is a team app (heroku_app passes `space` only when it
 * creates a team app), and runs in its space's region: heroku_app reads the
 * region back from Heroku, so any other would plan a replacement.
 */
export function appSpaceProblems(app: AppFacts): Problem[] {
  if (!app.space) return [];
  const problems: Problem[] = [];
  const space = app.space.name === undefined ? "the space" : `space "${app.space.name}"`;
  if (!app.team) problems.push({ path: ["app", "space"], message: `an app in ${space} belongs to a team: give app.team` });
  if (app.region !== undefined) {
    problems.push({ path: ["app", "region"], message: `"${app.region}" is not for an app in ${space}: it runs in its space's region; leave region out` });
  }
  return problems;
}

export interface SpaceDefinitionFacts {
  readonly name?: string;
  readonly cidr?: string;
  readonly dataCidr?: string;
  readonly shield?: boolean;
  readonly generation?: string;
}

export const SPACE_NAME_RULE = "lowercase letters, digits and single dashes, a letter or digit at each end";

/** A space's own settings: its name, CIDR blocks, and what the Fir generation lacks (shield, cidr). */
export function spaceProblems(space: SpaceDefinitionFacts): Problem[] {
  const problems: Problem[] = [];
  const { name, cidr, dataCidr, shield, generation } = space;
  if (name !== undefined && !SPACE_NAME_PATTERN.test(name)) problems.push({ path: ["name"], message: `"${name}" is not a space name: ${SPACE_NAME_RULE}` });
  if (generation !== undefined && !(SPACE_GENERATIONS as readonly string[]).includes(generation)) {
    problems.push({ path: ["generation"], message: notAKnownName(generation, "a space generation", SPACE_GENERATIONS) });
  }
  if (cidr !== undefined && !SPACE_CIDR_PATTERN.test(cidr)) {
    problems.push({ path: ["cidr"], message: `"${cidr}" is not a space CIDR: a /16 in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16` });
  } else if (cidr !== undefined && generation === "fir") {
    problems.push({ path: ["cidr"], message: "a Fir space takes no cidr: only the cedar generation has one" });
  }
  if (dataCidr !== undefined && !isPrivateBlock(dataCidr, SPACE_DATA_CIDR_PREFIX)) {
    const { min, max } = SPACE_DATA_CIDR_PREFIX;
    problems.push({ path: ["dataCidr"], message: `"${dataCidr}" is not a data CIDR: an RFC-1918 block from a /${min} to a /${max}` });
  }
  if (shield === true && generation === "fir") problems.push({ path: ["shield"], message: "shield spaces are not supported for the fir generation" });
  return problems;
}
