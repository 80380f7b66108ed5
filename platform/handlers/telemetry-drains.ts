/**
 * Telemetry drains of Fir apps and spaces: create, info, update and delete by
 * id, and the lists of an app's and a space's, as the Platform API's
 * `telemetry-drain`.
 */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import { findApp } from "../state/app-lookup";
import type { PlatformData } from "../state/records";
import { findSpace } from "../state/space-lookup";
import { createTelemetryDrain, findTelemetryDrain, removeTelemetryDrain, telemetryDrainsOf, updateTelemetryDrain } from "../state/telemetry-drains";

export function telemetryDrainRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("POST", "/telemetry-drains", ({ body }) => store.mutate((data) => ({ status: 201, body: createTelemetryDrain(data, body) })));
  router.add("GET", "/telemetry-drains/{drain}", ({ params }) => ({ body: store.read((d) => findTelemetryDrain(d, params.drain)) }));
  router.add("PATCH", "/telemetry-drains/{drain}", ({ params, body }) =>
    store.mutate((data) => {
      const drain = findTelemetryDrain(data, params.drain);
      updateTelemetryDrain(drain, body);
      return { body: drain };
    }),
  );
  router.add("DELETE", "/telemetry-drains/{drain}", ({ params }) =>
    store.mutate((data) => {
      const drain = findTelemetryDrain(data, params.drain);
      removeTelemetryDrain(data, drain);
      return { body: drain };
    }),
  );
  router.add("GET", "/apps/{app}/telemetry-drains", ({ params }) => ({
    body: store.read((d) => telemetryDrainsOf(d, { type: "app", id: findApp(d, params.app).id })),
  }));
  router.add("GET", "/spaces/{space}/telemetry-drains", ({ params }) => ({
    body: store.read((d) => telemetryDrainsOf(d, { type: "space", id: findSpace(d, params.space).id })),
  }));
}
