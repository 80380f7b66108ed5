/**
 * Test helper (internal): what "converged" means after faults — Terraform
 * has nothing left to do, and the platform holds exactly the apps, add-ons
 * and custom domains the state records: none duplicated, none orphaned.
 */
import { expect } from "vitest";
import type { LocalEstate } from "../provider/estate-harness";

interface Estate {
  readonly apps: string[];
  readonly addons: string[];
  readonly domains: string[];
}

const TRACKED: Record<string, keyof Estate> = { heroku_app: "apps", heroku_addon: "addons", heroku_domain: "domains" };

/** Ids the stacks' state files record, by kind. */
export function inState(estate: LocalEstate, stacks: readonly string[]): Estate {
  const found: Estate = { apps: [], addons: [], domains: [] };
  for (const stack of stacks) {
    let state: any;
    try {
      state = estate.state(stack);
    } catch {
      continue; // never applied
    }
    for (const resource of state.resources ?? []) {
      const kind = resource.mode === "managed" ? TRACKED[resource.type] : undefined;
      if (kind) for (const instance of resource.instances) found[kind].push(instance.attributes.id);
    }
  }
  return sorted(found);
}

/** Ids the platform holds, by kind (custom domains only: the herokuapp.com one comes with the app). */
export async function onPlatform(estate: LocalEstate): Promise<Estate> {
  const apps = await estate.api.list<{ id: string }>("/apps");
  const addons = await estate.api.list<{ id: string }>("/addons");
  const domains: string[] = [];
  for (const app of apps) {
    const list = await estate.api.list<{ id: string; kind: string }>(`/apps/${app.id}/domains`);
    domains.push(...list.filter((d) => d.kind === "custom").map((d) => d.id));
  }
  return sorted({ apps: apps.map((a) => a.id), addons: addons.map((a) => a.id), domains });
}

function sorted(e: Estate): Estate {
  return { apps: [...e.apps].sort(), addons: [...e.addons].sort(), domains: [...e.domains].sort() };
}

/** Applies until terraform succeeds (at most `attempts` runs); returns how many runs it took. */
export async function applyUntilConverged(estate: LocalEstate, stack: string, attempts = 8): Promise<number> {
  let last = "";
  for (let run = 1; run <= attempts; run++) {
    const applied = await estate.apply(stack);
    if (applied.code === 0) return run;
    last = applied.output;
  }
  throw new Error(`${stack} did not converge in ${attempts} applies; last output:\n${last}`);
}

type Counts = { apps: number; addons: number; domains: number };

/** Asserts the stacks have nothing to do and the platform matches their state exactly. */
export async function expectConverged(estate: LocalEstate, stacks: readonly string[], expected: Counts): Promise<void> {
  for (const stack of stacks) {
    const plan = await estate.plan(stack);
    expect(plan.code, `${stack} still has changes:\n${plan.output}`).toBe(0);
  }
  await expectMatchesState(estate, stacks, expected);
}

/** Asserts the platform holds exactly what the state records, in the numbers expected. */
export async function expectMatchesState(estate: LocalEstate, stacks: readonly string[], expected: Counts): Promise<void> {
  const state = inState(estate, stacks);
  expect(await onPlatform(estate)).toEqual(state);
  expect({ apps: state.apps.length, addons: state.addons.length, domains: state.domains.length }).toEqual(expected);
}
