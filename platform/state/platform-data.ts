/**
 * The platform's data file: opened, checked, and brought to the current
 * shapes before the first request. A file that is not what the platform
 * keeps is refused with its path, never started over.
 */
import { randomUUID } from "node:crypto";
import { CorruptDataError, JsonStore } from "../persistence/json-store";
import { migrate } from "./migrate";
import type { PlatformData } from "./records";

function emptyData(email: string): PlatformData {
  const now = new Date().toISOString();
  return {
    account: { id: randomUUID(), email, name: "dynoform developer", created_at: now, updated_at: now },
    apps: [],
    configVars: {},
    releases: {},
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
    pending: { builds: {}, addons: {}, promotions: {} },
  };
}

/** Refuses data whose collections are not what the platform keeps there, naming the file (internal helper). */
function checkShape(file: string, data: Readonly<Record<string, unknown>>): void {
  for (const [key, empty] of Object.entries(emptyData(""))) {
    const value = data[key];
    if (value === undefined) continue; // added since that file was written
    if (typeof value !== "object" || value === null || Array.isArray(value) !== Array.isArray(empty)) {
      throw new CorruptDataError(file, `its "${key}" is not ${Array.isArray(empty) ? "a list" : "an object"}`);
    }
  }
}

/** The store of `file`, created empty for the account `email` when there is none. */
export function openPlatformData(file: string, email: string): JsonStore<PlatformData> {
  const store = new JsonStore<PlatformData>(file, () => emptyData(email));
  store.read((data) => checkShape(file, data as unknown as Record<string, unknown>));
  store.mutate((data) => {
    // Data written by an older platform lacks the collections added since: they start empty.
    const empty = emptyData(email);
    Object.assign(data, { ...empty, ...data, pending: { ...empty.pending, ...data.pending } });
    migrate(data);
  });
  return store;
}
