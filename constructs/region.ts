import { REGIONS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** A Common Runtime region. */
export class Region extends HerokuName {
  public static readonly US = new Region("us");
  public static readonly EU = new Region("eu");

  /** A region by name; `of` accepts names not in dynoform's list (Heroku validates them at apply). */
  public static of(name: string): Region {
    return new Region(checkedName("a region", name, REGIONS.map((r) => r.name), true));
  }
}
