/** An app's config vars, and a pipeline stage's. */
import { ApiError } from "../protocol/api-error";
import { checkConfigVarSize } from "./limits";
import type { AppRecord, PlatformData } from "./records";
import { recordRelease } from "./releases";

/**
 * Applies a patch to vars: a string sets a key, null removes it; anything
 * else is refused, and so are vars that would pass Heroku's 32 KB. Returns
 * the keys set and removed.
 */
export function patchVars(vars: Record<string, string>, patch: Readonly<Record<string, unknown>>): { set: string[]; removed: string[] } {
  const set: string[] = [];
  const removed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete vars[key];
      removed.push(key);
    } else if (typeof value === "string") {
      vars[key] = value;
      set.push(key);
    } else throw ApiError.invalidParams(`Config var ${key} must be a string or null`);
  }
  checkConfigVarSize(vars);
  return { set, removed };
}

/** Patches an app's config vars with a release that names the keys changed, never their values. */
export function patchConfigVars(data: PlatformData, app: AppRecord, patch: Readonly<Record<string, unknown>>): Record<string, string> {
  const vars = data.configVars[app.id];
  const { set, removed } = patchVars(vars, patch);
  const changes = [set.length > 0 ? `Set ${set.join(", ")}` : "", removed.length > 0 ? `Remove ${removed.join(", ")}` : ""];
  // An empty patch (the provider sends one when an app is created without vars) changes nothing: no release.
  if (set.length + removed.length > 0) recordRelease(data, app, `${changes.filter(Boolean).join("; ")} config vars`);
  return vars;
}
