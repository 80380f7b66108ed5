import type { App } from "cdktf";
import type { DeployTarget, StateBackend } from "../constructs";
import type { LoadedEnvironment } from "../environment-files";
import { EnvironmentStack } from "./environment-stack";
import { PipelineStack } from "./pipeline-stack";

/**
 * Every stack of an estate: one per environment, one per pipeline the
 * environments name, all keeping their state in `backend` (default: local).
 */
export function buildEstate(app: App, environments: readonly LoadedEnvironment[], target: DeployTarget, backend?: StateBackend): void {
  const pipelines = new Map<string, EnvironmentStack[]>();
  for (const environment of environments) {
    const stack = new EnvironmentStack(app, environment, target, backend);
    const pipeline = environment.spec.pipeline;
    if (!pipeline) continue;
    if (!pipelines.has(pipeline.name)) pipelines.set(pipeline.name, []);
    pipelines.get(pipeline.name)!.push(stack);
  }
  for (const [name, members] of pipelines) new PipelineStack(app, name, members, target, backend);
}
