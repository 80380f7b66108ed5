/**
 * The project's estate as a cdktf app: every environment file a stack, every
 * pipeline and team one of its own, for the target DYNOFORM_TARGET names and
 * in the state backend dynoform.yaml chooses (DYNOFORM_BACKEND overrides it
 * for a run). `main.ts`, the app `npx cdktf synth` runs, builds it with
 * `buildProjectEstate`; dynoform's own commands synthesize it in their own
 * process with `synthesizeEstate`, which writes the same tree without
 * starting cdktf's CLI and a second Node.
 */
import { App } from "cdktf";
import { DeployTarget, StateBackend } from "../constructs";
import { environmentsDir, loadEstate, loadProjectConfig } from "../environment-files";
import { UserError } from "../lib/user-error";
import { projectEnvironmentCheck } from "../review/policy-config";
import { buildEstate } from "../stacks/estate";

/** Adds the project's stacks to `app`, read from `env` (the environment the synth runs in). */
export function buildProjectEstate(app: App, env: NodeJS.ProcessEnv = process.env): void {
  const target = DeployTarget.fromEnvironment(env);
  // Where state lives: dynoform.yaml's choice for the target (DYNOFORM_BACKEND still overrides it for a run).
  const project = loadProjectConfig();
  const settings = project.state[target.kind];
  buildEstate(app, loadEstate(environmentsDir(env), projectEnvironmentCheck()), target, settings && StateBackend.fromSettings(settings), project.teams);
}

/**
 * Synthesizes the estate into `outDir` (cdk.tf.json per stack and the
 * manifest, as `cdktf synth --output outDir` would) with `env` on top of this
 * process's environment.
 * @throws UserError with the constructs' problems, one line each
 */
export function synthesizeEstate(outDir: string, env: Record<string, string>): void {
  // The constructs read the run's variables (DYNOFORM_BACKEND, DYNOFORM_STATE_DIR…) from
  // process.env, as they do in cdktf's child process: set them for the synth, then put them back.
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    const app = new App({ outdir: outDir });
    buildProjectEstate(app);
    app.synth();
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
