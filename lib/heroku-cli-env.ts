/**
 * The environment that points the official `heroku` CLI at a platform other
 * than Heroku's: every host it talks to (the API, Particleboard for teams,
 * the buildpack registry, the data API) and the switches that keep it from
 * phoning home or updating itself.
 */
export function herokuCliEnv(url: string, apiKey: string): Record<string, string> {
  return {
    HEROKU_HOST: url,
    HEROKU_API_KEY: apiKey,
    HEROKU_PARTICLEBOARD_URL: url,
    HEROKU_DATA_HOST: new URL(url).hostname,
    HEROKU_BUILDPACK_REGISTRY_URL: url,
    DISABLE_TELEMETRY: "true",
    HEROKU_SKIP_ANALYTICS: "1",
    HEROKU_SKIP_NEW_VERSION_CHECK: "true",
    HEROKU_DISABLE_AUTOUPDATE: "true",
  };
}
