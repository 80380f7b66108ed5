/**
 * Which attribute changes of a tree diff replace a resource, from the
 * provider's ForceNew table (provider/resources/force-new.ts). Plans carry
 * their own `replace_paths`.
 */
import { FORCE_NEW } from "../provider/resources/force-new";

const FORCE_NEW_PATHS: Readonly<Record<string, readonly string[]>> = FORCE_NEW;

/**
 * Does a change at this flattened path (`organization.0.name`,
 * `config.db_version`, `buildpacks.1`) force a replacement? List indexes are
 * ignored, and a change anywhere under a ForceNew map or list counts.
 */
export function forcesReplacement(resourceType: string, path: string): boolean {
  const segments = path.split(".").filter((s) => !/^\d+$/.test(s));
  return (FORCE_NEW_PATHS[resourceType] ?? []).some((attribute) => {
    const wanted = attribute.split(".");
    return wanted.every((s, i) => segments[i] === s);
  });
}
