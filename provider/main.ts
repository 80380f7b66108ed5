/**
 * The local heroku/heroku provider's entry point, run by Terraform through
 * the installed package's shim (see `install/`).
 */
import { HerokuProvider } from "./engine/provider";
import { DATA_SOURCES } from "./data-sources";
import { RESOURCES } from "./resources";
import { servePlugin } from "./server/serve";

servePlugin(new HerokuProvider(RESOURCES, DATA_SOURCES)).catch((error: unknown) => {
  process.stderr.write(`heroku provider: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
