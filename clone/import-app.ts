/**
 * `dynoform import`: an environment file written from a live app, read over
 * the Platform API. Plain config vars keep their values; vars that look like
 * secrets by key or by value (rules/secret-looking.ts) become secrets (their
 * values go to the caller, never to the file, and a note says why); vars an
 * add-on sets are left to the add-on. The file carries the live ids
 * so the first apply adopts everything instead of creating it.
 */
import { Document } from "yaml";
import { orGone, type HerokuClient } from "../lib/heroku-api-client";
import { secretLooking } from "../rules";
import { addonAddress, type EnvironmentInput } from "../environment-files";
import { APP_FEATURES, shortServiceName } from "../vocabulary";

interface LiveApp {
  id: string;
  name: string;
  region: { name: string };
  build_stack: { name: string };
  acm: boolean;
  team: { name: string } | null;
}
interface LiveAddon {
  id: string;
  name: string;
  plan: { name: string };
  app: { id: string };
  config_vars: string[];
}
interface LiveAttachment {
  name: string;
  addon: { id: string; app: { id: string } };
}

export interface ImportedApp {
  /** The environment file's text. */
  readonly text: string;
  /** Live values of the keys that became secrets: for a local secrets file, never for the environment file. */
  readonly secretValues: Record<string, string>;
  /** What was left out, and why. */
  readonly notes: string[];
}

/** Reads a live app and writes its environment file (`environment` names the file and prefixes its secrets). */
export async function importApp(client: HerokuClient, appName: string, environment: string): Promise<ImportedApp> {
  const app = await client.get<LiveApp>(`/apps/${encodeURIComponent(appName)}`);
  const path = `/apps/${app.id}`;
  const [vars, formation, addons, attachments, domains, features, buildpacks, drains, coupling] = await Promise.all([
    client.get<Record<string, string | null>>(`${path}/config-vars`),
    client.list<{ type: string; size: string; quantity: number }>(`${path}/formation`),
    client.list<LiveAddon>(`${path}/addons`),
    client.list<LiveAttachment>(`${path}/addon-attachments`),
    client.list<{ hostname: string; kind: string }>(`${path}/domains`),
    client.list<{ name: string; enabled: boolean }>(`${path}/features`),
    client.list<{ buildpack: { name: string } }>(`${path}/buildpack-installations`),
    client.list<{ id: string }>(`${path}/log-drains`),
    orGone(client.get<{ id: string; stage: string; pipeline: { id: string; name?: string } }>(`${path}/pipeline-couplings`)),
  ]);
  const notes: string[] = [];
  const owned = addons.filter((a) => a.app.id === app.id);
  const addonVars = new Set(owned.flatMap((a) => a.config_vars));
  const config: Record<string, string> = {};
  const secretValues: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars).sort(([a], [b]) => a.localeCompare(b))) {
    if (value === null || addonVars.has(key)) continue;
    const looksLike = secretLooking(key, value);
    if (looksLike) {
      secretValues[key] = value;
      notes.push(`${key} is imported as a secret: it looks like one (${looksLike})`);
    } else {
      config[key] = value;
    }
  }
  for (const a of attachments.filter((x) => x.addon.app.id !== app.id)) {
    notes.push(`attachment ${a.name} of another app's add-on is left as it is: declare it with attachTo in that app's environment`);
  }
  if (drains.length > 0) notes.push(`${drains.length} log drain(s) are left as they are: environment files do not declare drains yet`);
  const known = new Set(APP_FEATURES.map((f) => f.name));
  const importAddons: Record<string, string> = {};
  const spec: EnvironmentInput = {
    app: {
      name: app.name,
      region: app.region.name,
      stack: app.build_stack.name,
      ...(app.team ? { team: app.team.name } : {}),
      buildpacks: buildpacks.map((b) => b.buildpack.name),
      acm: app.acm,
      features: features.filter((f) => f.enabled && known.has(f.name)).map((f) => f.name),
    },
    config,
    secrets: Object.keys(secretValues),
    formation: Object.fromEntries(formation.map((f) => [f.type, { size: f.size.toLowerCase(), quantity: f.quantity }])),
    addons: owned.map((addon) => {
      const [service, plan] = addon.plan.name.split(":");
      importAddons[addonAddress(service)] = addon.id;
      return { service: shortServiceName(service), plan };
    }),
    domains: domains.filter((d) => d.kind === "custom").map((d) => d.hostname),
    ...(coupling ? { pipeline: { name: coupling.pipeline.name ?? (await pipelineName(client, coupling.pipeline.id)), stage: coupling.stage } } : {}),
    import: {
      app: app.id,
      addons: importAddons,
      ...(coupling ? { pipeline: coupling.pipeline.id, coupling: coupling.id } : {}),
    },
  } as EnvironmentInput;
  const doc = new Document(spec);
  doc.commentBefore =
    ` yaml-language-server: $schema=../environment-files/environment.schema.json\n` +
    ` Brought under code by dynoform import from the live app ${app.name}.\n` +
    ` Secret values are not here: feed them as TF_VAR_${environment.replace(/-/g, "_")}_<key> (local deploys keep their own copy).`;
  return { text: doc.toString({ flowCollectionPadding: false }), secretValues, notes };
}

async function pipelineName(client: HerokuClient, id: string): Promise<string> {
  return (await client.get<{ name: string }>(`/pipelines/${id}`)).name;
}
