import { Construct } from "constructs";
import { Pipeline as PipelineResource } from "../.gen/providers/heroku/pipeline";
import { PipelineCoupling } from "../.gen/providers/heroku/pipeline-coupling";
import { PipelinePromotion } from "../.gen/providers/heroku/pipeline-promotion";
import { PIPELINE_NAME_PATTERN, PIPELINE_STAGES, type PipelineStage } from "../vocabulary";
import type { IHerokuApp } from "./heroku-app";

export interface PipelineProps {
  /** 3–30 lowercase letters, digits and dashes, a letter first. */
  readonly name: string;
}

/** A pipeline: apps coupled in stages, and promotions from one stage to the next. */
export class Pipeline extends Construct {
  public readonly resource: PipelineResource;
  public readonly pipelineName: string;
  private readonly stages = new Map<PipelineStage, IHerokuApp>();
  private readonly apps = new Set<string>();

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    if (!PIPELINE_NAME_PATTERN.test(props.name)) {
      throw new Error(`pipeline name "${props.name}" is not valid: 3 to 30 lowercase letters, digits and dashes, starting with a letter`);
    }
    this.pipelineName = props.name;
    this.resource = new PipelineResource(this, "pipeline", { name: props.name });
  }

  public get pipelineId(): string {
    return this.resource.id;
  }

  /** Couples an app in a stage; one app per stage, each app once. */
  public addStage(stage: PipelineStage, app: IHerokuApp): PipelineCoupling {
    if (!PIPELINE_STAGES.includes(stage)) throw new Error(`"${stage}" is not a pipeline stage (${PIPELINE_STAGES.join(", ")})`);
    const taken = this.stages.get(stage);
    if (taken) throw new Error(`stage ${stage} of pipeline ${this.pipelineName} already has ${taken.appName}; ${app.appName} cannot join it`);
    if (this.apps.has(app.appName)) throw new Error(`app ${app.appName} is already coupled to pipeline ${this.pipelineName}`);
    this.stages.set(stage, app);
    this.apps.add(app.appName);
    return new PipelineCoupling(this, `coupling-${stage}`, { appId: app.appId, pipeline: this.resource.id, stage });
  }

  /**
   * Promotes the source app's current release to the targets (heroku_pipeline_promotion).
   * A promotion happens once, when the resource is created; `releaseId` pins what is promoted.
   */
  public addPromotion(from: IHerokuApp, to: IHerokuApp[], releaseId: string): PipelinePromotion {
    return new PipelinePromotion(this, `promotion-${from.appName}`, {
      pipeline: this.resource.id,
      sourceAppId: from.appId,
      targets: to.map((t) => t.appId),
      releaseId,
    });
  }
}
