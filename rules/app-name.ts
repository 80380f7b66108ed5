/** App names, as the Platform API checks them. */
import { APP_NAME_PATTERN } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

export const APP_NAME_RULE = "3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash";

export function appNameProblems(app: AppFacts): Problem[] {
  if (app.name === undefined || APP_NAME_PATTERN.test(app.name)) return [];
  return [{ path: ["app", "name"], message: `"${app.name}" is not a Heroku app name: ${APP_NAME_RULE}` }];
}
