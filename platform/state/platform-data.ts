/**
 * The platform's data file: opened, brought to the current shapes, and
 * checked record by record before the first request. A file that is not what
 * the platform keeps is refused with its path and the first record field that
 * is wrong (`apps[2].name`), never started over.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
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
    telemetryDrains: [],
    accountFeatures: [],
    dataStores: [],
    pending: { builds: {}, addons: {}, promotions: {}, spaces: {}, vpnConnections: {} },
  };
}

/** `value` as `schema` reads it, or else its first problem and where, the path beginning at `field` when one is given (internal helper). */
function parseAt<S extends z.ZodType>(schema: S, value: unknown, field?: string): { data: z.output<S> } | { problem: string } {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return { data: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: field === undefined ? issue.path : [field, ...issue.path] }));
  const { where, what } = firstProblem(issues);
  return { problem: `its "${where}" ${what}` };
}

/** Whether data is what the platform keeps, or else the first thing that is not, and where (internal helper). */
function check(value: unknown): { data: PlatformData } | { problem: string } {
  return parseAt(platformData, value);
}

/** What is wrong with one field of the document, checked alone; a field the document does not have is wrong (internal helper). */
function checkField(field: string, value: unknown): string | undefined {
  if (!Object.hasOwn(platformData.shape, field)) return `its "${field}" is not a field of the platform's data`;
  const checked = parseAt(platformData.shape[field as keyof PlatformData], value, field);
  return "problem" in checked ? checked.problem : undefined;
}

/** The store of `file`, created empty for the account `email` when there is none. */
export function openPlatformData(file: string, email: string): JsonStore<PlatformData> {
  return new JsonStore<PlatformData>(file, {
    initial: () => emptyData(email),
    upgrade: (raw) => migrate(raw, emptyData(email)),
    check,
    checkField,
  });
}
