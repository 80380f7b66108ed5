/**
 * The platform's data file: opened, brought to the current shapes, and
 * checked record by record before the first request. A file that is not what
 * the platform keeps is refused with its path and the first record field that
 * is wrong (`apps[2].name`), never started over.
 */
import { randomUUID } from "node:crypto";
import { JsonStore } from "../persistence/json-store";
import { migrate } from "./migrate";
import { platformData, type PlatformData } from "./records";
import { firstProblem } from "./shape-problems";
import { accountTeam } from "./teams";

function emptyData(email: string): PlatformData {
  const now = new Date().toISOString();
  return {
    account: { id: randomUUID(), email, name: "dynoform developer", created_at: now, updated_at: now },
    apps: [],
    configVars: {},
    releases: {},
    releaseConfigVars: {},
    slugs: [],
    builds: [],
    formation: [],
    addons: [],
    attachments: [],
    domains: [],
    sniEndpoints: [],
    features: {},
    buildpacks: {},
    pipelines: [],
    couplings: [],
    promotions: [],
    promotionTargets: [],
    pipelineConfigVars: {},
    drains: [],
    webhooks: [],
    collaborators: [],
    // The account belongs to a team from the start; a file from before teams gets it on start (migrate.ts).
    teams: [accountTeam(now)],
    teamMembers: [],
    teamApps: [],
    spaces: [],
    inboundRulesets: [],
    vpnConnections: [],
    peerings: [],
    spaceAppAccess: [],
    pipelineRepositories: [],
    reviewAppConfigs: [],
    accountFeatures: [],
    pending: { builds: {}, addons: {}, promotions: {}, spaces: {}, vpnConnections: {} },
  };
}

/** Whether data is what the platform keeps, or else the first thing that is not, and where (internal helper). */
function check(value: unknown): { data: PlatformData } | { problem: string } {
  const parsed = platformData.safeParse(value, { reportInput: true });
  if (parsed.success) return { data: parsed.data };
  const { where, what } = firstProblem(parsed.error.issues);
  return { problem: `its "${where}" ${what}` };
}

/** The store of `file`, created empty for the account `email` when there is none. */
export function openPlatformData(file: string, email: string): JsonStore<PlatformData> {
  return new JsonStore<PlatformData>(file, {
    initial: () => emptyData(email),
    upgrade: (raw) => migrate(raw, emptyData(email)),
    check,
  });
}
