/**
 * An app's features (preboot and the like). Feature ids are stable per
 * name, as on Heroku, so ids and names both work.
 */
import { APP_FEATURES, findAppFeature } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import type { AppRecord, PlatformData } from "./records";
import { stableId } from "./stable-id";

const EPOCH = "2024-01-01T00:00:00Z";

/** A feature by name or id. */
export function findFeature(key: string): string {
  const feature = APP_FEATURES.find((f) => f.name === key || stableId("feature", f.name) === key);
  if (!feature) throw ApiError.notFound("feature");
  return feature.name;
}

/** A feature of an app as answered, enabled or not. */
export function featureView(data: Readonly<PlatformData>, app: AppRecord, name: string) {
  return {
    id: stableId("feature", name),
    name,
    description: `${name} for ${app.name}`,
    doc_url: `https://devcenter.heroku.com/articles/${name}`,
    enabled: (data.features[app.id] ?? []).includes(name),
    state: "general",
    display_name: name,
    feedback_email: "",
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

export function featuresOf(data: Readonly<PlatformData>, app: AppRecord) {
  return APP_FEATURES.map((f) => featureView(data, app, f.name));
}

/** Turns a feature on or off; one that needs paid dynos is refused while eco or basic dynos run. */
export function setFeature(data: PlatformData, app: AppRecord, name: string, enabled: boolean): void {
  const current = new Set(data.features[app.id] ?? []);
  if (enabled) {
    const small = data.formation.find((f) => f.app.id === app.id && f.quantity > 0 && ["eco", "basic"].includes(f.size));
    if (findAppFeature(name)?.needsPaidDynos && small) throw ApiError.invalidParams(`${name} is only available on Standard and Performance dynos.`);
    current.add(name);
  } else current.delete(name);
  data.features[app.id] = [...current];
}
