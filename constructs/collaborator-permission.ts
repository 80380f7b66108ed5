import { TEAM_APP_PERMISSIONS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** What a collaborator of a team app may do (heroku_team_collaborator `permissions`). */
export class CollaboratorPermission extends HerokuName {
  public static readonly VIEW = new CollaboratorPermission("view");
  public static readonly DEPLOY = new CollaboratorPermission("deploy");
  public static readonly OPERATE = new CollaboratorPermission("operate");
  public static readonly MANAGE = new CollaboratorPermission("manage");

  /**
   * A permission by name, in any case.
   * @throws when the name is not an app permission
   */
  public static of(name: string): CollaboratorPermission {
    return new CollaboratorPermission(checkedName("an app permission", name, TEAM_APP_PERMISSIONS));
  }
}
