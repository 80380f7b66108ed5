import type { Construct } from "constructs";
import { createHash } from "node:crypto";
import { DynoformStack, Pipeline, PipelineStage, Region, Space, type DeployTarget, type StateBackend } from "../constructs";
import type { EnvironmentStack } from "./environment-stack";

/**
 * A pipeline and its couplings, in a stack of its own that the environment
 * stacks feed (cdktf wires the app ids across stacks): an environment can be
 * deployed or destroyed without touching the others' state.
 */
export class PipelineStack extends DynoformStack {
  public readonly pipeline: Pipeline;

  constructor(scope: Construct, name: string, members: readonly EnvironmentStack[], target: DeployTarget, backend?: StateBackend) {
    const stackName = `pipeline-${name}`;
    super(scope, stackName, { target, backend });
    this.pipeline = new Pipeline(this, "pipeline", { name });
    for (const stack of members) {
      const { spec } = stack.environment;
      const stage = PipelineStage.of(spec.pipeline!.stage);
      const coupling = this.pipeline.addStage(stage, stack.environment.app);
      // Before couplings were named after their app, each was named after its stage: a stage with
      // one app moves its coupling to the new address instead of re-coupling it.
      const alone = members.filter((m) => m.environment.spec.pipeline!.stage === stage.name).length === 1;
      if (alone) coupling.moveFromId(`heroku_pipeline_coupling.${legacyCouplingAddress(stage.name)}`);
      // An environment brought under code by dynoform import adopts its live pipeline and coupling.
      const live = stack.environment.live;
      if (live?.coupling) coupling.importFrom(live.coupling);
      if (live?.pipeline) this.pipeline.resource.importFrom(live.pipeline);
      // One environment of the pipeline configures its review apps (the estate rules see to it).
      const reviewApps = spec.pipeline!.reviewApps;
      if (reviewApps) {
        const { repo, region, space, automatic, waitForCi, destroyStaleApps, staleDays, baseName } = reviewApps;
        const deployTo = space ? Space.fromSpaceName(this, "review-apps-space", space) : region ? Region.of(region) : undefined;
        this.pipeline.addReviewApps({ repo, deployTo, automatic, waitForCi, destroyStaleApps, staleDays, baseName });
      }
    }
  }
}

/**
 * The address cdktf gave a coupling named after its stage (`pipeline/coupling-staging`):
 * the path's ids joined by `_`, then the first 8 hex digits of the md5 of the
 * path, upper case (internal helper).
 */
function legacyCouplingAddress(stage: string): string {
  const path = ["pipeline", `coupling-${stage}`];
  return `${path.join("_")}_${createHash("md5").update(path.join("/")).digest("hex").slice(0, 8).toUpperCase()}`;
}
