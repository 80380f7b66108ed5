import { STACKS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** The stack (base image) an app builds and runs on. */
export class HerokuStack extends HerokuName {
  public static readonly HEROKU_22 = new HerokuStack("heroku-22");
  public static readonly HEROKU_24 = new HerokuStack("heroku-24");
  public static readonly CONTAINER = new HerokuStack("container");

  /** A stack by name; `of` accepts names not in dynoform's list (Heroku validates them at apply). */
  public static of(name: string): HerokuStack {
    return new HerokuStack(checkedName("a stack", name, STACKS.map((s) => s.name), true));
  }
}
