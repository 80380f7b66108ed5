/**
 * The cdktf app: every environment file of `environments/` becomes a stack,
 * every pipeline they name a stack of its own, and so does every team
 * dynoform.yaml lists members of. The target comes from
 * DYNOFORM_TARGET (see constructs/deploy-target.ts); `npx cdktf synth` targets real Heroku.
 * The state backend comes from dynoform.yaml, if the project has one.
 */
import { App } from "cdktf";
import { DeployTarget, StateBackend } from "./constructs";
import { loadEstate, loadProjectConfig } from "./environment-files";
import { projectEnvironmentCheck } from "./review/policy-config";
import { buildEstate } from "./stacks/estate";

try {
  const app = new App();
  const target = DeployTarget.fromEnvironment();
  // Where state lives: dynoform.yaml's choice for the target (DYNOFORM_BACKEND still overrides it for a run).
  const project = loadProjectConfig();
  const settings = project.state[target.kind];
  buildEstate(app, loadEstate(undefined, projectEnvironmentCheck()), target, settings && StateBackend.fromSettings(settings), project.teams);
  app.synth();
} catch (error) {
  // Located problems and validation problems print as they are, one line each, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
