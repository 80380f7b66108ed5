/**
 * Brings a data file an older platform wrote to the shapes this one keeps.
 * It runs on every start and changes nothing in data already current.
 */
import { CEDAR } from "./apps";
import { sized } from "./formation";
import type { PlatformData } from "./records";

/** Deletes fields a record no longer stores (internal helper). */
function drop(record: object, ...fields: string[]): void {
  for (const field of fields) delete (record as Record<string, unknown>)[field];
}

export function migrate(data: PlatformData): void {
  // heroku-go decodes strictly: the generation was a bare string, and formations had no `dyno_size`.
  for (const app of data.apps) if (typeof app.generation === "string") app.generation = { ...CEDAR };
  for (const formation of data.formation) formation.dyno_size ??= sized(formation.size).dyno_size;
  // Records carried the names of the records they refer to, and copies of what follows from a name
  // (an app's URLs, an add-on's web_url and billing entity, an endpoint's hostnames): stale after a
  // rename. References keep their ids; answers fill the rest in.
  const appOwned = [data.formation, data.domains, data.sniEndpoints, data.drains, data.webhooks, data.collaborators, data.attachments, data.addons, Object.values(data.releases).flat()];
  for (const list of appOwned) for (const record of list) record.app = { id: record.app.id };
  for (const app of data.apps) drop(app, "git_url", "web_url");
  for (const addon of data.addons) drop(addon, "billing_entity", "web_url");
  for (const attachment of data.attachments) {
    attachment.addon = { id: attachment.addon.id };
    drop(attachment, "web_url");
  }
  for (const domain of data.domains) if (domain.sni_endpoint) domain.sni_endpoint = { id: domain.sni_endpoint.id };
  for (const sni of data.sniEndpoints) drop(sni, "domains");
  for (const coupling of data.couplings) coupling.pipeline = { id: coupling.pipeline.id };
}
