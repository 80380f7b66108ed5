import { TEAM_ROLES } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** The role of a team member (the Platform API's `team_role`). */
export class TeamRole extends HerokuName {
  /** Manages the team: its members, billing and apps. */
  public static readonly ADMIN = new TeamRole("admin");
  public static readonly MEMBER = new TeamRole("member");
  public static readonly VIEWER = new TeamRole("viewer");

  /**
   * A role by name, in any case.
   * @throws when the name is not a team role
   */
  public static of(name: string): TeamRole {
    return new TeamRole(checkedName("a team role", name, TEAM_ROLES));
  }
}
