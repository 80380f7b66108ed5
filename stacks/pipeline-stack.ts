import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Pipeline } from "../constructs";
import type { PipelineStage } from "../vocabulary";
import type { EnvironmentStack } from "./environment-stack";
import { configureStack, type Target } from "./target";

/**
 * A pipeline and its couplings, in a stack of its own that the environment
 * stacks feed (cdktf wires the app ids across stacks): an environment can be
 * deployed or destroyed without touching the others' state.
 */
export class PipelineStack extends TerraformStack {
  public readonly pipeline: Pipeline;

  constructor(scope: Construct, name: string, members: ReadonlyArray<{ stage: PipelineStage; stack: EnvironmentStack }>, target: Target) {
    const stackName = `pipeline-${name}`;
    super(scope, stackName);
    configureStack(this, stackName, target);
    this.pipeline = new Pipeline(this, "pipeline", { name });
    for (const { stage, stack } of members) {
      const coupling = this.pipeline.addStage(stage, stack.environment.app);
      // An environment brought under code by dynoform import adopts its live pipeline and coupling.
      const live = stack.environment.live;
      if (live?.coupling) coupling.importFrom(live.coupling);
      if (live?.pipeline) this.pipeline.resource.importFrom(live.pipeline);
    }
  }
}
