/** Short names an environment file may use for Heroku's. */

/** Short service names a file may use instead of Heroku's (`postgres` for `heroku-postgresql`). */
export const ADDON_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  postgres: "heroku-postgresql",
  redis: "heroku-redis",
};

/** Heroku's service name for a service as written in a file. */
export function addonServiceName(written: string): string {
  return ADDON_SERVICE_ALIASES[written] ?? written;
}
