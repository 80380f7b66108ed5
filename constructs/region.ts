import { REGIONS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** A Common Runtime region. */
export class Region extends HerokuName {
  public static readonly US = new Region("us");
  public static readonly EU = new Region("eu");

  /**
   * A region by name, in any case.
   * @throws when the name is not a Common Runtime region
   */
  public static of(name: string): Region {
    return new Region(checkedName("a Common Runtime region", name, REGIONS.map((r) => r.name)));
  }
}
