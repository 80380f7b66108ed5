import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { Pipeline as PipelineResource } from "../.gen/providers/heroku/pipeline";
import { PipelineCoupling } from "../.gen/providers/heroku/pipeline-coupling";
import { PipelinePromotion } from "../.gen/providers/heroku/pipeline-promotion";
import { PIPELINE_NAME_PATTERN } from "../vocabulary";
import type { IHerokuApp } from "./heroku-app";
import { PipelineStage } from "./pipeline-stage";
import { known } from "./tokens";

export interface PipelineProps {
  /** 3–30 lowercase letters, digits and dashes, a letter first. */
  readonly name: string;
}

/**
 * A pipeline: apps coupled in stages, and promotions from one stage to the
 * next. A stage holds any number of apps (two production apps in two
 * regions, many development apps), as on Heroku; an app is coupled once.
 */
export class Pipeline extends Construct {
  public readonly resource: PipelineResource;
  public readonly pipelineName: string;
  private readonly members: Array<{ stage: PipelineStage; app: IHerokuApp; coupling: PipelineCoupling }> = [];

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    this.pipelineName = props.name;
    this.resource = new PipelineResource(this, "pipeline", { name: props.name });
    this.node.addValidation({
      validate: () =>
        known(props.name) === undefined || PIPELINE_NAME_PATTERN.test(props.name)
          ? []
          : [`pipeline name "${props.name}" is not valid: 3 to 30 lowercase letters, digits and dashes, starting with a letter`],
    });
  }

  public get pipelineId(): string {
    return this.resource.id;
  }

  /** The apps coupled in `stage`, in the order they were added. */
  public appsIn(stage: PipelineStage): IHerokuApp[] {
    return this.members.filter((m) => m.stage.name === stage.name).map((m) => m.app);
  }

  /** Couples an app in a stage (heroku_pipeline_coupling, named after the app). */
  public addStage(stage: PipelineStage, app: IHerokuApp): PipelineCoupling {
    const twice = this.members.find((m) => m.app === app);
    if (twice) throw new Error(`app ${app.appName} is already coupled to pipeline ${this.pipelineName} (stage ${twice.stage.name})`);
    const coupling = new PipelineCoupling(this, `coupling-${known(app.appName) ?? app.node.addr}`, {
      appId: app.appId,
      pipeline: this.resource.id,
      stage: stage.name,
    });
    this.members.push({ stage, app, coupling });
    return coupling;
  }

  /** The coupling of an app added with addStage. */
  public couplingOf(app: IHerokuApp): PipelineCoupling | undefined {
    return this.members.find((m) => m.app === app)?.coupling;
  }

  /**
   * Promotes the source app's current release to the targets
   * (heroku_pipeline_promotion): by default every app of the next stage, as
   * Heroku's promote does, including apps coupled after this call. A
   * promotion happens once, when the resource is created; `releaseId` pins
   * what is promoted.
   */
  public addPromotion(from: IHerokuApp, releaseId: string, to?: IHerokuApp[]): PipelinePromotion {
    const targets = () => to ?? this.nextStageOf(from);
    this.node.addValidation({
      validate: () =>
        targets().length > 0 ? [] : [`app ${from.appName}: its promotion has no target: couple apps in the next stage of pipeline ${this.pipelineName} or name the targets`],
    });
    return new PipelinePromotion(this, `promotion-${known(from.appName) ?? from.node.addr}`, {
      pipeline: this.resource.id,
      sourceAppId: from.appId,
      targets: Lazy.listValue({ produce: () => targets().map((t) => t.appId) }),
      releaseId,
    });
  }

  /** The apps of the stage after `app`'s (internal helper). */
  private nextStageOf(app: IHerokuApp): IHerokuApp[] {
    const next = this.members.find((m) => m.app === app)?.stage.next;
    return next ? this.appsIn(next) : [];
  }
}
