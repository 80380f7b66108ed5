/** Domains, ACM and SNI endpoints of an app. */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { findApp, recordsOf } from "../state/app-lookup";
import { appView } from "../state/apps";
import { addCustomDomain, domainView, findDomain, pointDomain, removeDomain, setAcm } from "../state/domains";
import type { PlatformData } from "../state/records";
import { createSniEndpoint, findSniEndpoint, removeSniEndpoint, sniEndpointView, updateSniEndpoint } from "../state/sni-endpoints";

export function domainRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps/{app}/domains", ({ params }) => ({ body: store.read((d) => recordsOf(d, findApp(d, params.app), "domains").map((x) => domainView(d, x))) }));
  router.add("GET", "/apps/{app}/domains/{domain}", ({ params }) => ({
    body: store.read((d) => domainView(d, findDomain(d, findApp(d, params.app), params.domain))),
  }));
  router.add("POST", "/apps/{app}/domains", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const sni = typeof body.sni_endpoint === "string" ? body.sni_endpoint : undefined;
      return { status: 201, body: domainView(data, addCustomDomain(data, app, String(body.hostname ?? "").toLowerCase(), sni)) };
    }),
  );
  router.add("PATCH", "/apps/{app}/domains/{domain}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const domain = findDomain(data, app, params.domain);
      // Only null or an endpoint's id or name changes it; anything else leaves it as it is.
      pointDomain(data, app, domain, body.sni_endpoint === null || typeof body.sni_endpoint === "string" ? body.sni_endpoint : undefined);
      return { body: domainView(data, domain) };
    }),
  );
  router.add("DELETE", "/apps/{app}/domains/{domain}", ({ params }) =>
    store.mutate((data) => {
      const domain = findDomain(data, findApp(data, params.app), params.domain);
      removeDomain(data, domain);
      return { body: domainView(data, domain) };
    }),
  );

  router.add("POST", "/apps/{app}/acm", ({ params }) => store.mutate((data) => ({ body: appView(data, setAcm(data, findApp(data, params.app), true)) })));
  router.add("DELETE", "/apps/{app}/acm", ({ params }) => store.mutate((data) => ({ body: appView(data, setAcm(data, findApp(data, params.app), false)) })));

  router.add("GET", "/apps/{app}/sni-endpoints", ({ params }) => ({
    body: store.read((d) => recordsOf(d, findApp(d, params.app), "sniEndpoints").map((s) => sniEndpointView(d, s))),
  }));
  router.add("GET", "/apps/{app}/sni-endpoints/{sni}", ({ params }) => ({
    body: store.read((d) => sniEndpointView(d, findSniEndpoint(d, findApp(d, params.app), params.sni))),
  }));
  router.add("POST", "/apps/{app}/sni-endpoints", ({ params, body }) =>
    store.mutate((data) => {
      const sni = createSniEndpoint(data, findApp(data, params.app), body);
      return { status: 201, body: sniEndpointView(data, sni) };
    }),
  );
  router.add("PATCH", "/apps/{app}/sni-endpoints/{sni}", ({ params, body }) =>
    store.mutate((data) => {
      const sni = findSniEndpoint(data, findApp(data, params.app), params.sni);
      updateSniEndpoint(sni, body);
      return { body: sniEndpointView(data, sni) };
    }),
  );
  router.add("DELETE", "/apps/{app}/sni-endpoints/{sni}", ({ params }) =>
    store.mutate((data) => {
      const sni = findSniEndpoint(data, findApp(data, params.app), params.sni);
      // Answered with the hostnames it served until now.
      const answer = sniEndpointView(data, sni);
      removeSniEndpoint(data, sni);
      return { body: answer };
    }),
  );
}
