/** Config vars (Dev Center, *Configuration and Config Vars*). */
import { CONFIG_VAR_KEY_PATTERN, findAddonService } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

export const CONFIG_VAR_KEY_RULE = "letters, digits and underscores, not starting with a digit";

/** Keys are valid, a key is plain or secret but not both, and no plain key is one an add-on sets. */
export function configVarProblems(app: AppFacts): Problem[] {
  const problems: Problem[] = [];
  for (const key of app.config) {
    if (!CONFIG_VAR_KEY_PATTERN.test(key)) problems.push({ path: ["config", key], message: `"${key}" is not a config var key: ${CONFIG_VAR_KEY_RULE}` });
  }
  app.secrets.forEach((key, i) => {
    if (!CONFIG_VAR_KEY_PATTERN.test(key)) problems.push({ path: ["secrets", i], message: `"${key}" is not a config var key: ${CONFIG_VAR_KEY_RULE}` });
    if (app.secrets.indexOf(key) < i) problems.push({ path: ["secrets", i], message: `"${key}" is listed twice` });
    if (app.config.includes(key)) {
      problems.push({ path: ["secrets", i], message: `"${key}" is also a plain config var: a key is either in config or in secrets` });
    }
  });
  app.addons.forEach((addon, i) => {
    const service = addon.service === undefined ? undefined : findAddonService(addon.service);
    // The first add-on of a service sets its config var (DATABASE_URL) on its own app, whatever its
    // attachment name elsewhere; later ones get a name of Heroku's choosing (HEROKU_POSTGRESQL_<COLOR>_URL).
    const first = app.addons.findIndex((a) => a.service !== undefined && findAddonService(a.service) === service) === i;
    const configVar = first ? service?.configVar : undefined;
    for (const key of [...app.config, ...app.secrets]) {
      if (key === configVar) {
        const where = app.config.includes(key) ? "config" : "secrets";
        problems.push({ path: [where, key], message: `"${key}" is set by the ${service?.name ?? addon.service} add-on (addons[${i}]): remove it from ${where}` });
      }
    }
  });
  return problems;
}
