/** The account's features (`heroku labs`): list, info and update, as the Platform API's `account-feature`. */
import type { JsonStore } from "../persistence/json-store";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { accountFeaturesOf, accountFeatureView, findAccountFeature, setAccountFeature } from "../state/account-features";
import type { PlatformData } from "../state/records";

export function accountFeatureRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/account/features", () => ({ body: store.read((d) => accountFeaturesOf(d)) }));
  router.add("GET", "/account/features/{feature}", ({ params }) => ({ body: store.read((d) => accountFeatureView(d, findAccountFeature(params.feature))) }));
  router.add("PATCH", "/account/features/{feature}", ({ params, body }) =>
    store.mutate((data) => {
      const name = findAccountFeature(params.feature);
      if (typeof body.enabled !== "boolean") throw ApiError.invalidParams("enabled must be true or false");
      setAccountFeature(data, name, body.enabled);
      return { body: accountFeatureView(data, name) };
    }),
  );
}
