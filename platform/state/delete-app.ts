/**
 * Deleting an app deletes everything that hangs on it, as on Heroku: the
 * add-ons it owns go with their attachments on every app (other apps lose
 * their vars, with a Detach release), its attachments of other apps' add-ons
 * go, and so do its domains, certificates, formation, builds, slugs,
 * releases, coupling, log and telemetry drains, webhooks, collaborators,
 * team app settings and pending work.
 */
import { deprovision } from "./addons";
import type { AppRecord, PlatformData, Ref } from "./records";
import { removeTelemetryDrainsOf } from "./telemetry-drains";

export function deleteApp(data: PlatformData, app: AppRecord): void {
  for (const addon of data.addons.filter((a) => a.app.id === app.id)) deprovision(data, addon);
  const other = <T extends { app: Ref }>(list: T[]) => list.filter((x) => x.app.id !== app.id);
  for (const id of Object.keys(data.pending.builds)) if (data.builds.some((b) => b.id === id && b.app.id === app.id)) delete data.pending.builds[id];
  data.apps = data.apps.filter((a) => a.id !== app.id);
  data.attachments = other(data.attachments);
  data.domains = other(data.domains);
  data.sniEndpoints = other(data.sniEndpoints);
  data.formation = other(data.formation);
  data.builds = other(data.builds);
  data.slugs = other(data.slugs);
  data.couplings = other(data.couplings);
  data.drains = other(data.drains);
  removeTelemetryDrainsOf(data, { type: "app", id: app.id });
  data.webhooks = other(data.webhooks);
  data.collaborators = other(data.collaborators);
  data.teamApps = other(data.teamApps);
  for (const map of [data.configVars, data.releases, data.features, data.buildpacks]) delete map[app.id];
}
