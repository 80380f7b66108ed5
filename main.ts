/**
 * The cdktf app: every environment file of `environments/` becomes a stack,
 * and every pipeline they name a stack of its own. The target comes from
 * DYNOFORM_TARGET (see constructs/deploy-target.ts); `npx cdktf synth` targets real Heroku.
 */
import { App } from "cdktf";
import { DeployTarget } from "./constructs";
import { loadEstate } from "./environment-files";
import { buildEstate } from "./stacks/estate";

try {
  const app = new App();
  buildEstate(app, loadEstate(), DeployTarget.fromEnvironment());
  app.synth();
} catch (error) {
  // Located problems and validation problems print as they are, one line each, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
