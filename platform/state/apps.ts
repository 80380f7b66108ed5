/**
 * Apps: made with their herokuapp.com domain, empty config and release v1;
 * renamed with Heroku's checks. Everything else refers to an app by id, so a
 * rename is one change: its URLs and its records' answers follow its name.
 */
import { randomUUID } from "node:crypto";
import { APP_NAME_MAX, APP_NAME_PATTERN, DEFAULT_REGION, DEFAULT_SPACE_GENERATION, DEFAULT_STACK, FIR_STACK_NAME, findRegion, findStack, type SpaceGenerationName } from "../../vocabulary";
import { ApiError } from "../protocol/api-error";
import { addHerokuDomain, herokuHostname, renameHerokuDomain } from "./domains";
import { checkRoomForOne, LIMITS } from "./limits";
import type { AppRecord, PlatformData } from "./records";
import { recordRelease } from "./releases";
import { appSpaceView } from "./space-lookup";
import { stableId } from "./stable-id";

/** A platform generation as the API answers it: Cedar for Common Runtime apps, an app in a space has its space's. */
export function generationRef(name: SpaceGenerationName = DEFAULT_SPACE_GENERATION): { id: string; name: SpaceGenerationName } {
  return { id: stableId("generation", name), name };
}

/** Heroku's checks of an app name, with its messages. */
function checkName(data: Readonly<PlatformData>, name: string, except?: string): void {
  if (name.length > APP_NAME_MAX) throw ApiError.invalidParams(`Name is too long (maximum is ${APP_NAME_MAX} characters)`);
  if (!APP_NAME_PATTERN.test(name)) {
    throw ApiError.invalidParams("Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.");
  }
  if (data.apps.some((a) => a.name === name && a.id !== except)) throw ApiError.invalidParams("Name is already taken");
}

/** A Fir app's stack and build stack, as Heroku answers them: Cloud Native Buildpacks, `cnb`. */
export function firStack(): { id: string; name: string } {
  return { id: stableId("stack", FIR_STACK_NAME), name: FIR_STACK_NAME };
}

function findBuildStack(name: string) {
  const stack = findStack(name);
  if (!stack) throw ApiError.notFound("stack");
  return { id: stack.id, name: stack.name };
}

/** Creates an app; a team app (with `team`) counts toward its team's 100 apps, any other toward the account's. */
export function createApp(data: PlatformData, request: { name?: string; region?: string; stack?: string; team?: { id: string } }): AppRecord {
  const sameOwner = data.apps.filter((a) => (a.team?.id ?? null) === (request.team?.id ?? null));
  checkRoomForOne(request.team ? LIMITS.appsPerTeam : LIMITS.appsPerAccount, sameOwner.length);
  const region = findRegion(request.region ?? DEFAULT_REGION);
  if (!region) throw ApiError.notFound("region");
  const stack = findBuildStack(request.stack ?? DEFAULT_STACK);
  const id = randomUUID();
  const name = request.name ?? `app-${id.slice(0, 8)}`;
  checkName(data, name);
  const now = new Date().toISOString();
  const app: AppRecord = {
    id,
    name,
    region: { id: region.id, name: region.name },
    stack,
    build_stack: { ...stack },
    owner: { id: data.account.id, email: data.account.email },
    organization: null,
    team: null,
    space: null,
    acm: false,
    maintenance: false,
    internal_routing: null,
    buildpack_provided_description: null,
    repo_size: null,
    slug_size: null,
    archived_at: null,
    created_at: now,
    released_at: null,
    updated_at: now,
    generation: generationRef(),
  };
  data.apps.push(app);
  data.configVars[id] = {};
  addHerokuDomain(data, app);
  recordRelease(data, app, "Initial release");
  return app;
}

export function updateApp(data: PlatformData, app: AppRecord, change: { name?: string; buildStack?: string; maintenance?: boolean }): void {
  if (change.name !== undefined && change.name !== app.name) {
    checkName(data, change.name, app.id);
    app.name = change.name;
    renameHerokuDomain(data, app);
  }
  if (change.buildStack !== undefined) app.build_stack = findBuildStack(change.buildStack);
  if (change.maintenance !== undefined) app.maintenance = change.maintenance;
  app.updated_at = new Date().toISOString();
}

/** An app as answered: its space, git and web URLs from their names as they are now. */
export function appView(data: Readonly<PlatformData>, app: AppRecord) {
  return { ...app, space: appSpaceView(data, app), git_url: `https://git.heroku.com/${app.name}.git`, web_url: `https://${herokuHostname(app.name)}/` };
}
