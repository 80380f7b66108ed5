/**
 * The cdktf app: every environment file of `environments/` becomes a stack,
 * every pipeline they name a stack of its own, and so does every team
 * dynoform.yaml lists members of (see cli/estate-synth.ts). The target comes from
 * DYNOFORM_TARGET (see constructs/deploy-target.ts); `npx cdktf synth` targets real Heroku.
 * The state backend comes from dynoform.yaml, if the project has one.
 */
import { App } from "cdktf";
import { buildProjectEstate } from "./cli/estate-synth";

try {
  const app = new App();
  buildProjectEstate(app);
  app.synth();
} catch (error) {
  // Located problems and validation problems print as they are, one line each, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
