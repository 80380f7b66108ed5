/**
 * The account's features (Heroku Labs, `heroku labs`): a fixed list, each
 * off until the account turns it on. Ids are stable per name, as on Heroku,
 * so ids and names both work.
 *
 * The list holds account features the real clients name: `app-overview`
 * (with its description, from heroku/terraform-provider-heroku v5.3.2's
 * acceptance test) and `dashboard-repositories-api` (what heroku/cli's
 * `reviewapps` commands look up). Their `state` is `beta`, chosen: the CLI's
 * `labs` lists only features that are not `general`, and Heroku documents
 * no state for them.
 */
import { ApiError } from "../protocol/api-error";
import type { PlatformData } from "./records";
import { stableId } from "./stable-id";

const EPOCH = "2024-01-01T00:00:00Z";

interface AccountFeatureInfo {
  readonly name: string;
  readonly description: string;
}

export const ACCOUNT_FEATURES: readonly AccountFeatureInfo[] = [
  { name: "app-overview", description: "An overview page for an app" },
  { name: "dashboard-repositories-api", description: "Connect pipelines to GitHub repositories through the Platform API" },
];

/** An account feature's name, by name or id. */
export function findAccountFeature(key: string): string {
  const feature = ACCOUNT_FEATURES.find((f) => f.name === key || stableId("account-feature", f.name) === key);
  if (!feature) throw ApiError.notFound("feature");
  return feature.name;
}

/** An account feature as answered (the schema's `account-feature`), enabled or not. */
export function accountFeatureView(data: Readonly<PlatformData>, name: string) {
  const info = ACCOUNT_FEATURES.find((f) => f.name === name) as AccountFeatureInfo;
  return {
    id: stableId("account-feature", name),
    name,
    description: info.description,
    doc_url: `https://devcenter.heroku.com/articles/${name}`,
    enabled: data.accountFeatures.includes(name),
    state: "beta",
    display_name: name,
    feedback_email: "",
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

export function accountFeaturesOf(data: Readonly<PlatformData>) {
  return ACCOUNT_FEATURES.map((f) => accountFeatureView(data, f.name));
}

/** Turns an account feature on or off. */
export function setAccountFeature(data: PlatformData, name: string, enabled: boolean): void {
  const current = new Set(data.accountFeatures);
  if (enabled) current.add(name);
  else current.delete(name);
  data.accountFeatures = ACCOUNT_FEATURES.map((f) => f.name).filter((n) => current.has(n));
}
