import type { App } from "cdktf";
import type { DeployTarget, StateBackend } from "../constructs";
import type { LoadedEnvironment, TeamSettings } from "../environment-files";
import { EnvironmentStack } from "./environment-stack";
import { PipelineStack } from "./pipeline-stack";
import { TeamStack } from "./team-stack";

/**
 * Every stack of an estate: one per environment, one per pipeline the
 * environments name, one per team dynoform.yaml lists members of, all
 * keeping their state in `backend` (default: local).
 */
export function buildEstate(
  app: App,
  environments: readonly LoadedEnvironment[],
  target: DeployTarget,
  backend?: StateBackend,
  teams: Readonly<Record<string, TeamSettings>> = {},
): void {
  const pipelines = new Map<string, EnvironmentStack[]>();
  for (const environment of environments) {
    const stack = new EnvironmentStack(app, environment, target, backend);
    const pipeline = environment.spec.pipeline;
    if (!pipeline) continue;
    if (!pipelines.has(pipeline.name)) pipelines.set(pipeline.name, []);
    pipelines.get(pipeline.name)!.push(stack);
  }
  for (const [name, members] of pipelines) new PipelineStack(app, name, members, target, backend);
  for (const [name, settings] of Object.entries(teams)) new TeamStack(app, name, settings, target, backend);
}
