import { findRegion, REGIONS, STACKS, type RegionInfo } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { PlatformData } from "../state/records";
import type { Router } from "../protocol/router";
import { ApiError } from "../protocol/api-error";

const EPOCH = "2024-01-01T00:00:00Z";

/** What Heroku says of an account beyond who it is: a verified personal account, no team, no 2FA. */
const ACCOUNT_SETTINGS = {
  allow_tracking: false,
  beta: false,
  country_of_residence: null,
  default_organization: null,
  default_team: null,
  delinquent_at: null,
  federated: false,
  identity_provider: null,
  last_login: null,
  sms_number: null,
  suspended_at: null,
  two_factor_authentication: false,
  verified: true,
};

/** A region as the schema's `region` answers it. */
function regionBody(r: RegionInfo) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    country: r.country,
    locale: r.locale,
    private_capable: r.privateCapable,
    provider: r.provider,
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

/** The account, and the regions and stacks it can create apps in. */
export function accountRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/account", () => ({ body: store.read((d) => ({ ...ACCOUNT_SETTINGS, ...d.account })) }));
  // `~` is the caller, as on Heroku; the only other user this platform knows is the account itself.
  router.add("GET", "/users/{user}", ({ params }) => ({
    body: store.read((d) => {
      if (![d.account.id, d.account.email, "~"].includes(params.user)) throw ApiError.notFound("user");
      return { ...ACCOUNT_SETTINGS, ...d.account };
    }),
  }));
  router.add("GET", "/regions", () => ({ body: REGIONS.map(regionBody) }));
  // By name or id: how the CLI reads back a review-app configuration's deploy target.
  router.add("GET", "/regions/{region}", ({ params }) => {
    const region = findRegion(params.region);
    if (!region) throw ApiError.notFound("region");
    return { body: regionBody(region) };
  });
  router.add("GET", "/stacks", () => ({
    body: STACKS.map((s) => ({ id: s.id, name: s.name, state: s.state, default: s.default, created_at: EPOCH, updated_at: EPOCH })),
  }));
}
