import { loadEstate, loadProjectConfig, SpecError } from "../environment-files";
import { projectEnvironmentCheck } from "../review/policy-config";

/**
 * The estate's located problems, one line each, or undefined when
 * dynoform.yaml and every environment file are valid. Commands check this before anything else runs
 * (cdktf, the platform), so a typo gets its `file:line:col` line and nothing
 * around it.
 */
export function estateProblems(): string | undefined {
  try {
    loadProjectConfig();
    loadEstate(undefined, projectEnvironmentCheck());
    return undefined;
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
}
