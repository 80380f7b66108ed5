/**
 * The real provider's refusal of a config var set both plain and sensitive
 * (heroku/heroku 5.3.2's duplicateVarsChecker and checkIfDupeConfigVars):
 * made when a create or update runs, never at plan, and worded as Go prints
 * the list of keys (`[A B]`).
 */
import { ProviderError } from "../engine/diagnostics";

export function checkNoDuplicateVars(vars: Record<string, string>, sensitive: Record<string, string>): void {
  const dupes = Object.keys(sensitive).filter((k) => k in vars);
  if (dupes.length > 0) throw new ProviderError(`[ERROR] Detected duplicate config vars: [${dupes.join(" ")}]`);
}
