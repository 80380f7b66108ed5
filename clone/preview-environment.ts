/**
 * The environment file of a per-pull-request preview: the source environment
 * cloned with the `review` profile, named `preview-<name>`, kept outside the
 * estate's folder (so it is in no stack but its own) and outside the
 * pipeline: the pipeline's couplings live in the pipeline stack, whose state
 * a preview must never touch.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../lib/atomic-file";
import { UserError } from "../lib/user-error";
import type { LoadedEnvironment } from "../environment-files";
import { cloneEnvironment } from "./clone-environment";
import { CLONE_PROFILES } from "./profiles";

const PREVIEW_PROFILE = { ...CLONE_PROFILES.review, stage: undefined };

/** `preview-<name>`: the environment and stack name of a preview. @throws UserError naming a bad name */
export function previewStackName(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new UserError(`preview name "${name}" is not lowercase letters, digits and dashes (like pr-12)`, 2);
  return `preview-${name}`;
}

/**
 * Writes `<dir>/preview-<name>.yaml` from `from`, rewritten on every call so
 * the preview follows the source; the clone re-points a relative `app.source` from the new folder.
 * @returns the file written
 */
export function writePreviewEnvironment(estate: readonly LoadedEnvironment[], from: string, name: string, dir: string): string {
  const source = estate.find((e) => e.name === from);
  if (!source) throw new UserError(`no environment "${from}" to preview (there are: ${estate.map((e) => e.name).join(", ")})`);
  const stackName = previewStackName(name);
  const file = join(dir, `${stackName}.yaml`);
  const sourceText = readFileSync(source.yaml.file, "utf8");
  const result = cloneEnvironment({ source, sourceText, name: stackName, file, profile: PREVIEW_PROFILE, sets: [], estate });
  if (!result.text) throw new UserError(`the preview of ${from} would not be valid:\n${result.problems.join("\n")}`);
  writeFileAtomic(file, result.text, 0o644);
  return file;
}
