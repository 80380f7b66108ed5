import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { Pipeline as PipelineResource } from "../.gen/providers/heroku/pipeline";
import { PipelineCoupling } from "../.gen/providers/heroku/pipeline-coupling";
import { PipelinePromotion } from "../.gen/providers/heroku/pipeline-promotion";
import { ReviewAppConfig } from "../.gen/providers/heroku/review-app-config";
import { formatPath, reviewAppsProblems } from "../rules";
import { PIPELINE_NAME_PATTERN } from "../vocabulary";
import type { IHerokuApp } from "./heroku-app";
import { PipelineStage } from "./pipeline-stage";
import { Region } from "./region";
import type { ISpace } from "./space";
import { known } from "./tokens";

export interface PipelineProps {
  /** 3–30 lowercase letters, digits and dashes, a letter first. */
  readonly name: string;
}

export interface ReviewAppsProps {
  /** The GitHub repository the pipeline is connected to, by its full name: `owner/name`. */
  readonly repo: string;
  /** Where review apps run: a Common Runtime region or a Private Space. @default Region.US */
  readonly deployTo?: Region | ISpace;
  /** Create a review app for each pull request as it is opened. @default false */
  readonly automatic?: boolean;
  /** Create review apps only once CI passes. @default false */
  readonly waitForCi?: boolean;
  /** Destroy review apps that have gone `staleDays` without a deploy. @default false */
  readonly destroyStaleApps?: boolean;
  /** Days without a deploy before a review app is stale: 1 to 30. @default Heroku's */
  readonly staleDays?: number;
  /** The prefix of review apps' names, for predictable URLs (Cedar pipelines only). @default Heroku's */
  readonly baseName?: string;
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

  /** The review app configuration, once addReviewApps is called. */
  public get reviewApps(): ReviewAppConfig | undefined {
    return this.node.tryFindChild("review-apps") as ReviewAppConfig | undefined;
  }

  /**
   * Review apps for the pipeline's pull requests (heroku_review_app_config).
   * A pipeline has one configuration: a second call throws. The pipeline must
   * be connected to the repository on GitHub (Heroku Dashboard or
   * `heroku pipelines:connect`) before this applies.
   */
  public addReviewApps(props: ReviewAppsProps): ReviewAppConfig {
    if (this.reviewApps) throw new Error(`${this.label()}: its review apps are configured already: a pipeline has one review app configuration`);
    const target = props.deployTo ?? Region.US;
    this.node.addValidation({
      validate: () =>
        reviewAppsProblems({ repo: known(props.repo), staleDays: known(props.staleDays) }).map((p) => `${this.label()}: ${formatPath(p.path)}: ${p.message}`),
    });
    return new ReviewAppConfig(this, "review-apps", {
      pipelineId: this.pipelineId,
      orgRepo: props.repo,
      deployTarget: target instanceof Region ? { id: target.name, type: "region" } : { id: target.spaceId, type: "space" },
      automaticReviewApps: props.automatic ?? false,
      waitForCi: props.waitForCi ?? false,
      // Always written: heroku/heroku takes stale_days only with destroy_stale_apps.
      destroyStaleApps: props.destroyStaleApps ?? false,
      staleDays: props.staleDays,
      baseName: props.baseName,
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

  /** How messages name the pipeline (internal helper). */
  private label(): string {
    return `pipeline ${known(this.pipelineName) ?? this.node.path}`;
  }

  /** The apps of the stage after `app`'s (internal helper). */
  private nextStageOf(app: IHerokuApp): IHerokuApp[] {
    const next = this.members.find((m) => m.app === app)?.stage.next;
    return next ? this.appsIn(next) : [];
  }
}
