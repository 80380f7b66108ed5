/**
 * The add-on plans a service offers, as `/addon-services/{service}/plans`
 * answers them (what `heroku addons:plans` prints): the current plans of the
 * services dynoform knows, priced by the month. Retired plan names, still
 * accepted when an add-on is created, are not offered.
 */
import { ADDON_SERVICES, type AddonPlanInfo, type AddonServiceInfo } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { stableId } from "./stable-id";

/** Plans are part of Heroku's catalogue, not of the account: they have no creation of their own here. */
const CATALOGUE_TIME = "2012-01-01T00:00:00Z";

/** A service by Heroku's name or id (not dynoform's short names, which the API does not know). */
export function findService(nameOrId: string): AddonServiceInfo {
  const service = ADDON_SERVICES.find((s) => s.name === nameOrId || s.id === nameOrId);
  if (!service) throw ApiError.notFound("add_on_service");
  return service;
}

/** "essential-0" → "Essential 0": the plan's name as words (internal helper). */
function humanName(plan: string): string {
  return plan
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function planView(service: AddonServiceInfo, plan: AddonPlanInfo) {
  const human = humanName(plan.name);
  return {
    id: stableId("addon-plan", `${service.name}:${plan.name}`),
    name: `${service.name}:${plan.name}`,
    human_name: human,
    description: `${service.humanName} ${human}`,
    addon_service: { id: service.id, name: service.name },
    compliance: null,
    default: plan.name === service.defaultPlan,
    installable_inside_private_network: false,
    installable_outside_private_network: true,
    price: { cents: plan.monthlyUsd * 100, contract: false, metered: false, unit: "month" },
    space_default: false,
    state: "public",
    visible: true,
    created_at: CATALOGUE_TIME,
    updated_at: CATALOGUE_TIME,
  };
}

export function plansOf(serviceNameOrId: string) {
  const service = findService(serviceNameOrId);
  return service.plans.filter((p) => !p.legacy).map((p) => planView(service, p));
}

/** One plan of a service, by its id, its full name (`service:plan`) or its name within the service. */
export function planOf(serviceNameOrId: string, planKey: string) {
  const found = plansOf(serviceNameOrId).find((p) => p.id === planKey || p.name === planKey || p.name === `${p.addon_service.name}:${planKey}`);
  if (!found) throw ApiError.notFound("add_on_plan");
  return found;
}
