import { STACKS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** The stack (base image) an app builds and runs on. Not to be confused with a cdktf stack: see DynoformStack. */
export class HerokuStack extends HerokuName {
  public static readonly HEROKU_22 = new HerokuStack("heroku-22");
  public static readonly HEROKU_24 = new HerokuStack("heroku-24");
  public static readonly CONTAINER = new HerokuStack("container");

  /**
   * A stack by name, in any case.
   * @throws when the name is not a stack Heroku offers
   */
  public static of(name: string): HerokuStack {
    return new HerokuStack(checkedName("a Heroku stack", name, STACKS.map((s) => s.name)));
  }
}
