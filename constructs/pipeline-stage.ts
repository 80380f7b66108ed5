import { PIPELINE_STAGES } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** A stage of a pipeline, in promotion order: review → development → staging → production. */
export class PipelineStage extends HerokuName {
  public static readonly REVIEW = new PipelineStage("review");
  public static readonly DEVELOPMENT = new PipelineStage("development");
  public static readonly STAGING = new PipelineStage("staging");
  public static readonly PRODUCTION = new PipelineStage("production");

  /**
   * A stage by name, in any case.
   * @throws when the name is not a pipeline stage
   */
  public static of(name: string): PipelineStage {
    return new PipelineStage(checkedName("a pipeline stage", name, PIPELINE_STAGES));
  }

  /** The stage a promotion from this one goes to, if any: review apps are not promoted. */
  public get next(): PipelineStage | undefined {
    const i = PIPELINE_STAGES.indexOf(this.name as (typeof PIPELINE_STAGES)[number]);
    return this.name === "review" || i === PIPELINE_STAGES.length - 1 ? undefined : PipelineStage.of(PIPELINE_STAGES[i + 1]);
  }
}
