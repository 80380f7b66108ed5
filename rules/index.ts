/**
 * Heroku's rules, the one home for each: pure functions from what is known
 * of an app (or an estate) to problems. The environment-file schema turns
 * them into located errors; the constructs run them as lazy validators.
 */
import { addonProblems } from "./addons";
import type { AppFacts } from "./app-facts";
import { appNameProblems } from "./app-name";
import { acmProblems } from "./certificates";
import { collaboratorProblems } from "./collaborators";
import { configVarProblems } from "./config-vars";
import { domainProblems } from "./domains";
import { drainProblems } from "./drains";
import { featureProblems } from "./features";
import { formationProblems, procfileProblems } from "./formation";
import type { Problem } from "./problem";
import { appSpaceProblems } from "./spaces";

export * from "./app-facts";
export { ATTACHMENT_NAME_RULE } from "./addons";
export { APP_NAME_RULE } from "./app-name";
export { teamMemberProblems } from "./collaborators";
export { CONFIG_VAR_KEY_RULE } from "./config-vars";
export { DRAIN_NAME_RULE } from "./drains";
export { HOSTNAME_RULE, normalizeHostname } from "./domains";
export * from "./estate";
export { notADynoCount, procfileProblems, undeclaredWeb } from "./formation";
export * from "./problem";
export * from "./review-apps";
export { SPACE_NAME_RULE, spaceProblems } from "./spaces";
export { quoteRedacted, redactSecrets, secretLooking, secretLookingMessage, secretLookingProblems, type SecretHome } from "./secret-looking";

/** Every rule of one app, in the order of an environment file's keys. */
export function appProblems(app: AppFacts): Problem[] {
  return [
    ...appNameProblems(app),
    ...appSpaceProblems(app),
    ...featureProblems(app),
    ...acmProblems(app),
    ...configVarProblems(app),
    ...formationProblems(app),
    ...procfileProblems(app),
    ...addonProblems(app),
    ...domainProblems(app),
    ...collaboratorProblems(app),
    ...drainProblems(app),
  ];
}
