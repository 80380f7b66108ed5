import { randomUUID } from "node:crypto";
import { APP_NAME_MAX, APP_NAME_PATTERN, DEFAULT_REGION, DEFAULT_STACK, findRegion, findStack } from "../../vocabulary";
import type { JsonStore } from "../persistence/json-store";
import type { AppRecord, PlatformData } from "../model";
import { ApiError } from "../protocol/api-error";
import type { Router } from "../protocol/router";
import { stableId } from "../stable-id";
import { deprovision } from "./addons";
import { addHerokuDomain } from "./domains";
import { recordRelease } from "./releases";

/** An app by name or id, as Heroku accepts both in `/apps/{app}`. */
export function findApp(data: Readonly<PlatformData>, nameOrId: string): AppRecord {
  const app = data.apps.find((a) => a.id === nameOrId || a.name === nameOrId);
  if (!app) throw ApiError.notFound("app");
  return app;
}

/** Heroku's Cedar generation, the one Common Runtime apps run on. */
export const CEDAR = { id: stableId("generation", "cedar"), name: "cedar" } as const;

/** The collections whose records each belong to one app. */
type AppOwned = { [K in keyof PlatformData]: PlatformData[K] extends readonly { app: { id: string } }[] ? K : never }[keyof PlatformData];

/** One app's records of a collection, the app named by name or id as in `/apps/{app}/…`. */
export function recordsOfApp<K extends AppOwned>(data: Readonly<PlatformData>, appKey: string, kind: K): PlatformData[K] {
  const app = findApp(data, appKey);
  return (data[kind] as { app: { id: string } }[]).filter((x) => x.app.id === app.id) as PlatformData[K];
}

/** Heroku's checks of an app name, with its messages. */
function checkName(data: Readonly<PlatformData>, name: string, except?: string): void {
  if (name.length > APP_NAME_MAX) throw ApiError.invalidParams(`Name is too long (maximum is ${APP_NAME_MAX} characters)`);
  if (!APP_NAME_PATTERN.test(name)) {
    throw ApiError.invalidParams("Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.");
  }
  if (data.apps.some((a) => a.name === name && a.id !== except)) throw ApiError.invalidParams("Name is already taken");
}

function stringField(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw ApiError.invalidParams(`${field} must be a string`);
  return value;
}

export function appRoutes(router: Router, store: JsonStore<PlatformData>): void {
  router.add("GET", "/apps", () => ({ body: store.read((d) => d.apps) }));
  router.add("GET", "/users/{user}/apps", () => ({ body: store.read((d) => d.apps) }));
  router.add("GET", "/apps/{app}", ({ params }) => ({ body: store.read((d) => findApp(d, params.app)) }));

  router.add("POST", "/apps", ({ body }) =>
    store.mutate((data) => {
      const region = findRegion(stringField(body, "region") ?? DEFAULT_REGION);
      if (!region) throw ApiError.notFound("region");
      const stack = findStack(stringField(body, "stack") ?? DEFAULT_STACK);
      if (!stack) throw ApiError.notFound("stack");
      const id = randomUUID();
      const name = stringField(body, "name") ?? `app-${id.slice(0, 8)}`;
      checkName(data, name);
      const now = new Date().toISOString();
      const app: AppRecord = {
        id,
        name,
        region: { id: region.id, name: region.name },
        stack: { id: stack.id, name: stack.name },
        build_stack: { id: stack.id, name: stack.name },
        owner: { id: data.account.id, email: data.account.email },
        organization: null,
        team: null,
        space: null,
        acm: false,
        maintenance: false,
        internal_routing: null,
        buildpack_provided_description: null,
        git_url: `https://git.heroku.com/${name}.git`,
        web_url: `https://${name}.herokuapp.com/`,
        repo_size: null,
        slug_size: null,
        archived_at: null,
        created_at: now,
        released_at: null,
        updated_at: now,
        generation: CEDAR,
      };
      data.apps.push(app);
      data.configVars[id] = {};
      addHerokuDomain(data, app);
      recordRelease(data, app, "Initial release");
      return { status: 201, body: app };
    }),
  );

  router.add("PATCH", "/apps/{app}", ({ params, body }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      const name = stringField(body, "name");
      if (name !== undefined && name !== app.name) {
        checkName(data, name, app.id);
        app.name = name;
        app.git_url = `https://git.heroku.com/${name}.git`;
        app.web_url = `https://${name}.herokuapp.com/`;
      }
      const stack = stringField(body, "build_stack");
      if (stack !== undefined) {
        const found = findStack(stack);
        if (!found) throw ApiError.notFound("stack");
        app.build_stack = { id: found.id, name: found.name };
      }
      if (body.maintenance !== undefined) {
        if (typeof body.maintenance !== "boolean") throw ApiError.invalidParams("maintenance must be true or false");
        app.maintenance = body.maintenance;
      }
      app.updated_at = new Date().toISOString();
      return { body: app };
    }),
  );

  router.add("DELETE", "/apps/{app}", ({ params }) =>
    store.mutate((data) => {
      const app = findApp(data, params.app);
      // Everything that hangs on the app goes with it, as on Heroku.
      for (const addon of data.addons.filter((a) => a.app.id === app.id)) deprovision(data, addon);
      for (const attachment of data.attachments.filter((a) => a.app.id === app.id)) {
        data.attachments = data.attachments.filter((a) => a.id !== attachment.id);
      }
      const other = <T extends { app: { id: string } }>(list: T[]) => list.filter((x) => x.app.id !== app.id);
      data.apps = data.apps.filter((a) => a.id !== app.id);
      data.domains = other(data.domains);
      data.sniEndpoints = other(data.sniEndpoints);
      data.formation = other(data.formation);
      data.builds = other(data.builds);
      data.slugs = other(data.slugs);
      data.couplings = other(data.couplings);
      data.drains = other(data.drains);
      data.webhooks = other(data.webhooks);
      data.collaborators = other(data.collaborators);
      for (const map of [data.configVars, data.releases, data.features, data.buildpacks]) delete map[app.id];
      return { body: app };
    }),
  );
}
