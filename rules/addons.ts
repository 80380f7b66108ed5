/** Add-ons: plans of the services dynoform knows, Postgres versions, attachment names. */
import { ATTACHMENT_NAME_PATTERN, POSTGRES_VERSIONS, findAddonService, notAKnownName } from "../vocabulary";
import type { AppFacts } from "./app-facts";
import type { Problem } from "./problem";

/** Plans and versions exist, attachment names are valid and unique on the app, no add-on is attached to its own app twice. */
export function addonProblems(app: AppFacts): Problem[] {
  const problems: Problem[] = [];
  const attachmentNames = new Map<string, number>();
  app.addons.forEach((addon, i) => {
    const service = addon.service === undefined ? undefined : findAddonService(addon.service);
    if (service && addon.plan !== undefined && !service.plans.some((p) => p.name === addon.plan)) {
      problems.push({ path: ["addons", i, "plan"], message: notAKnownName(addon.plan, `a ${service.name} plan`, service.plans.map((p) => p.name)) });
    }
    if (service && addon.version !== undefined) {
      if (service.name !== "heroku-postgresql") {
        problems.push({ path: ["addons", i, "version"], message: `${service.name} takes no version: only heroku-postgresql has one` });
      } else if (!POSTGRES_VERSIONS.includes(addon.version)) {
        problems.push({
          path: ["addons", i, "version"],
          message: `"${addon.version}" is not a Postgres version Heroku provisions (${POSTGRES_VERSIONS.join(", ")})`,
        });
      }
    }
    if (addon.as !== undefined) {
      const earlier = attachmentNames.get(addon.as);
      if (!ATTACHMENT_NAME_PATTERN.test(addon.as)) {
        problems.push({ path: ["addons", i, "as"], message: notAnAttachmentName(addon.as) });
      } else if (earlier !== undefined) {
        problems.push({ path: ["addons", i, "as"], message: `"${addon.as}" is already the attachment name of addons[${earlier}]` });
      } else {
        attachmentNames.set(addon.as, i);
      }
    }
    addon.attachTo.forEach((other, j) => {
      if (other.app !== undefined && other.app === app.name) {
        problems.push({ path: ["addons", i, "attachTo", j], message: `"${other.app}" is this environment's own app, which the add-on is attached to already` });
      }
      if (other.as !== undefined && !ATTACHMENT_NAME_PATTERN.test(other.as)) {
        problems.push({ path: ["addons", i, "attachTo", j, "as"], message: notAnAttachmentName(other.as) });
      }
    });
  });
  return problems;
}

export const ATTACHMENT_NAME_RULE = "upper case letters, digits and underscores, starting with a letter";

function notAnAttachmentName(name: string): string {
  return `"${name}" is not an attachment name: ${ATTACHMENT_NAME_RULE}`;
}
