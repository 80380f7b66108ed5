/**
 * Review apps of a pipeline: its repository connection (kolkrabbi's
 * `/pipelines/{id}/repository`, and the Platform API's `/pipelines/{id}/repo`),
 * and its review-app configuration.
 */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import type { PlatformData } from "../state/records";
import {
  connectRepository,
  disableReviewApps,
  enableReviewApps,
  repoOf,
  repositoryOf,
  reviewAppConfigOf,
  updateReviewApps,
} from "../state/review-app-configs";

export function reviewAppRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("POST", "/pipelines/{pipeline}/repository", ({ params, body }) => store.mutate((d) => ({ status: 201, body: connectRepository(d, params.pipeline, body) })));
  router.add("GET", "/pipelines/{pipeline}/repository", ({ params }) => ({ body: store.read((d) => repositoryOf(d, params.pipeline)) }));
  router.add("GET", "/pipelines/{pipeline}/repo", ({ params }) => ({ body: store.read((d) => repoOf(d, params.pipeline)) }));

  router.add("GET", "/pipelines/{pipeline}/review-app-config", ({ params }) => ({ body: store.read((d) => reviewAppConfigOf(d, params.pipeline)) }));
  router.add("POST", "/pipelines/{pipeline}/review-app-config", ({ params, body }) => store.mutate((d) => ({ body: enableReviewApps(d, params.pipeline, body) })));
  router.add("PATCH", "/pipelines/{pipeline}/review-app-config", ({ params, body }) => store.mutate((d) => ({ body: updateReviewApps(d, params.pipeline, body) })));
  router.add("DELETE", "/pipelines/{pipeline}/review-app-config", ({ params }) => store.mutate((d) => ({ body: disableReviewApps(d, params.pipeline) })));
}
