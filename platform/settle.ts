/**
 * The platform's asynchronous work, finished when it is due: builds,
 * add-on provisioning, promotions. It runs at the start of every request,
 * so nothing depends on a timer firing, and a restarted platform finishes
 * what was pending when it stopped.
 */
import type { PlatformData } from "./model";
import { finishProvisioning } from "./handlers/addons";
import { finishBuild, type BuildContext } from "./handlers/builds";
import { finishPromotion } from "./handlers/pipelines";
import type { JsonStore } from "./persistence/json-store";

function due(pending: Record<string, string>, now: number): string[] {
  return Object.entries(pending)
    .filter(([, at]) => Date.parse(at) <= now)
    .map(([id]) => id);
}

function anythingDue(data: Readonly<PlatformData>, now: number): boolean {
  const { builds, addons, promotions } = data.pending;
  return due(builds, now).length + due(addons, now).length + due(promotions, now).length > 0;
}

export function settle(store: JsonStore<PlatformData>, ctx: BuildContext): void {
  const now = Date.now();
  if (!store.read((d) => anythingDue(d, now))) return;
  store.mutate((data) => {
    for (const id of due(data.pending.builds, now)) {
      delete data.pending.builds[id];
      const build = data.builds.find((b) => b.id === id);
      if (build) finishBuild(data, build, ctx);
    }
    for (const id of due(data.pending.addons, now)) {
      delete data.pending.addons[id];
      const addon = data.addons.find((a) => a.id === id);
      if (addon) finishProvisioning(data, addon);
    }
    for (const id of due(data.pending.promotions, now)) {
      delete data.pending.promotions[id];
      const promotion = data.promotions.find((p) => p.id === id);
      if (promotion) finishPromotion(data, promotion);
    }
  });
}
