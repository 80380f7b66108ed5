/**
 * The add-on services dynoform knows, with their plans and prices. Heroku
 * names a plan `service:plan` (`heroku-postgresql:essential-0`).
 */
export interface AddonPlanInfo {
  /** The plan's short name within its service (`essential-0`). */
  readonly name: string;
  readonly monthlyUsd: number;
  /** Postgres and Redis plans with a standby that takes over on failure. */
  readonly highAvailability: boolean;
  /** A plan name Heroku retired, still accepted; `replacedBy` names the current one. */
  readonly legacy?: boolean;
  readonly replacedBy?: string;
  /** Connections a Heroku Postgres or Heroku Redis plan allows at once, as Heroku documents it. */
  readonly connectionLimit?: number;
  /** A Heroku Redis plan's memory, in MB. */
  readonly memoryMb?: number;
}

/** The server a data service runs on. */
export type DataEngine = "postgres" | "redis";

export interface AddonServiceInfo {
  /** Heroku's service name (`heroku-postgresql`). */
  readonly name: string;
  readonly id: string;
  readonly humanName: string;
  /** The config var the first add-on of the service sets on its app. */
  readonly configVar?: string;
  /** Data services hold state: destroying or replacing one loses data. */
  readonly holdsData: boolean;
  /** The server behind each add-on of a data service. */
  readonly engine?: DataEngine;
  /** Provisioning is asynchronous for data services (`provisioning` → `provisioned`). */
  readonly provisionsAsync: boolean;
  readonly defaultPlan: string;
  readonly plans: readonly AddonPlanInfo[];
}

/** A plan's entry: name, monthly price, whether it has a standby, and its documented limits (internal helper). */
type PlanEntry = [name: string, monthlyUsd: number, highAvailability?: boolean, limits?: Pick<AddonPlanInfo, "connectionLimit" | "memoryMb">];

function plans(entries: readonly PlanEntry[]): AddonPlanInfo[] {
  return entries.map(([name, monthlyUsd, highAvailability = false, limits]) => ({ name, monthlyUsd, highAvailability, ...limits }));
}

/**
 * Connection limits of Heroku Postgres plans: the Essential tier's from Heroku's plans page (20, 20, 40),
 * the production tiers' from its technical characterization (Sep 2024: 120 for -0, 400 for -2, 500 above).
 */
const pg = (connectionLimit: number) => ({ connectionLimit });
/** Memory and connection limits of Heroku Redis plans, from Heroku's technical characterization (Oct 2024). */
const redis = (memoryMb: number, connectionLimit: number) => ({ memoryMb, connectionLimit });

export const ADDON_SERVICES: readonly AddonServiceInfo[] = [
  {
    name: "heroku-postgresql",
    id: "6c67493d-8fc2-4cd4-9161-4f1ec11cbe69",
    humanName: "Heroku Postgres",
    configVar: "DATABASE_URL",
    holdsData: true,
    engine: "postgres",
    provisionsAsync: true,
    defaultPlan: "essential-0",
    plans: [
      ...plans([
        ["essential-0", 5, false, pg(20)], ["essential-1", 9, false, pg(20)], ["essential-2", 20, false, pg(40)],
        ["standard-0", 50, false, pg(120)], ["standard-2", 200, false, pg(400)], ["standard-3", 400, false, pg(500)], ["standard-4", 750, false, pg(500)],
        ["standard-5", 1400, false, pg(500)], ["standard-6", 2000, false, pg(500)], ["standard-7", 3500, false, pg(500)], ["standard-8", 4500, false, pg(500)],
        ["standard-9", 5800, false, pg(500)],
        ["premium-0", 200, true, pg(120)], ["premium-2", 350, true, pg(400)], ["premium-3", 750, true, pg(500)], ["premium-4", 1200, true, pg(500)],
        ["premium-5", 2500, true, pg(500)], ["premium-6", 3500, true, pg(500)], ["premium-7", 6000, true, pg(500)], ["premium-8", 8500, true, pg(500)],
        ["premium-9", 11000, true, pg(500)],
      ]),
      { name: "mini", monthlyUsd: 5, highAvailability: false, legacy: true, replacedBy: "essential-0", ...pg(20) },
      { name: "basic", monthlyUsd: 9, highAvailability: false, legacy: true, replacedBy: "essential-1", ...pg(20) },
    ],
  },
  {
    name: "heroku-redis",
    id: "4cfcd5d6-4ec5-4ac4-9a3a-d1a8fa6b5a6b",
    humanName: "Heroku Redis",
    configVar: "REDIS_URL",
    holdsData: true,
    engine: "redis",
    provisionsAsync: true,
    defaultPlan: "mini",
    plans: plans([
      ["mini", 3, false, redis(25, 20)],
      ["premium-0", 15, true, redis(50, 40)], ["premium-1", 30, true, redis(100, 80)], ["premium-2", 60, true, redis(250, 200)],
      ["premium-3", 120, true, redis(500, 400)], ["premium-5", 200, true, redis(1024, 1000)], ["premium-7", 750, true, redis(7 * 1024, 10000)],
      ["premium-9", 1450, true, redis(10 * 1024, 25000)], ["premium-10", 2400, true, redis(25 * 1024, 40000)],
      ["premium-12", 4000, true, redis(50 * 1024, 65000)], ["premium-14", 7000, true, redis(100 * 1024, 65000)],
    ]),
  },
  {
    name: "scheduler",
    id: "7f3a5a36-8b4c-4f4e-8a1c-4c6d5e2b9a10",
    humanName: "Heroku Scheduler",
    holdsData: false,
    provisionsAsync: false,
    defaultPlan: "standard",
    plans: plans([["standard", 0]]),
  },
  {
    name: "papertrail",
    id: "9a1e2b3c-4d5e-4f60-8a7b-1c2d3e4f5a6b",
    humanName: "Papertrail",
    configVar: "PAPERTRAIL_API_TOKEN",
    holdsData: false,
    provisionsAsync: false,
    defaultPlan: "choklad",
    plans: plans([["choklad", 0], ["fixa", 7], ["volmar", 14], ["ludvig", 18]]),
  },
];

/** Postgres major versions Heroku provisions; `POSTGRES_DEFAULT_VERSION` when none is asked. */
export const POSTGRES_VERSIONS: readonly string[] = ["14", "15", "16", "17"];
export const POSTGRES_DEFAULT_VERSION = "16";

/** Short service names an environment file or a construct may use instead of Heroku's (`postgres` for `heroku-postgresql`). */
export const ADDON_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  postgres: "heroku-postgresql",
  redis: "heroku-redis",
};

/** Heroku's service name for a service as written, short name or Heroku's. */
export function addonServiceName(written: string): string {
  return ADDON_SERVICE_ALIASES[written] ?? written;
}

/** The short name of a service when it has one (`postgres`), else Heroku's name. */
export function shortServiceName(service: string): string {
  return Object.entries(ADDON_SERVICE_ALIASES).find(([, name]) => name === service)?.[0] ?? service;
}

/** A service by Heroku's name, its short name or its id. */
export function findAddonService(nameOrId: string): AddonServiceInfo | undefined {
  const name = addonServiceName(nameOrId);
  return ADDON_SERVICES.find((s) => s.name === name || s.id === nameOrId);
}

/**
 * Resolves `service:plan` or a bare `service` (its default plan).
 * Returns undefined when either part is unknown.
 */
export function findAddonPlan(spec: string): { service: AddonServiceInfo; plan: AddonPlanInfo } | undefined {
  const [serviceName, planName] = spec.split(":", 2);
  const service = findAddonService(serviceName);
  if (!service) return undefined;
  const plan = service.plans.find((p) => p.name === (planName ?? service.defaultPlan));
  return plan ? { service, plan } : undefined;
}
