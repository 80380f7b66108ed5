/** An app's buildpack installations, first one first. */
import { z } from "zod";
import { buildpackName } from "../../vocabulary";
import { listField, textField, type AppRecord, type PlatformData } from "./records";

/** What a client sends to set an app's buildpacks, typed and bounded as they are stored. */
export const buildpackUpdates = z.object({ updates: listField(z.object({ buildpack: textField })) });

/** Buildpack names as Heroku's buildpack-installation records. */
export function installationsOf(data: Readonly<PlatformData>, app: AppRecord) {
  return (data.buildpacks[app.id] ?? []).map((name, ordinal) => ({ ordinal, buildpack: { name, url: name } }));
}

/** Replaces the app's buildpacks. The CLI installs registry buildpacks by archive URL; Heroku lists them by name again. */
export function setBuildpacks(data: PlatformData, app: AppRecord, buildpacks: readonly string[]): void {
  data.buildpacks[app.id] = buildpacks.map(buildpackName);
}
