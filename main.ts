/**
 * The cdktf app: every environment file of `environments/` becomes a stack,
 * and every pipeline they name a stack of its own. The target comes from
 * DYNOFORM_TARGET (see stacks/target.ts); `npx cdktf synth` targets real Heroku.
 */
import { App } from "cdktf";
import { loadEstate, SpecError } from "./environment-files";
import { buildEstate } from "./stacks/estate";
import { targetFromEnvironment } from "./stacks/target";

try {
  const app = new App();
  buildEstate(app, loadEstate(), targetFromEnvironment());
  app.synth();
} catch (error) {
  // Located problems print as they are, one line each, without a stack trace.
  console.error(error instanceof SpecError || error instanceof Error ? error.message : error);
  process.exit(1);
}
