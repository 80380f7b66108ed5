import { Construct } from "constructs";
import { TeamMember as TeamMemberResource } from "../.gen/providers/heroku/team-member";
import { formatPath, teamMemberProblems } from "../rules";
import type { TeamRole } from "./team-role";
import { known } from "./tokens";

export interface TeamMemberProps {
  /** The team's name. May be a Token. */
  readonly team: string;
  /** The member's email address. */
  readonly email: string;
  readonly role: TeamRole;
  /** A member who signs in through the team's identity provider. @default false */
  readonly federated?: boolean;
}

/**
 * A member of a team (heroku_team_member), with access to everything the
 * team owns. Each email is a member of a team once, across the tree: a
 * second TeamMember of one team and email is reported at synth.
 */
export class TeamMember extends Construct {
  public readonly resource: TeamMemberResource;
  public readonly team: string;
  public readonly email: string;
  public readonly role: TeamRole;

  constructor(scope: Construct, id: string, props: TeamMemberProps) {
    super(scope, id);
    this.team = props.team;
    this.email = props.email;
    this.role = props.role;
    this.resource = new TeamMemberResource(this, "member", {
      team: props.team,
      email: props.email,
      role: props.role.name,
      federated: props.federated ?? false,
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** The rules on the members of this one's team, in tree order, as they concern this one (internal helper). */
  private problems(): string[] {
    const team = known(this.team);
    if (team === undefined) return [];
    const members = this.node.root.node.findAll().filter((c): c is TeamMember => c instanceof TeamMember && c.team === team);
    const index = members.indexOf(this);
    return teamMemberProblems(members.map((m) => ({ email: known(m.email), role: m.role.name })))
      .filter((p) => p.path[1] === index)
      .map((p) => `team ${team}: ${formatPath(p.path)}: ${p.message}`);
  }
}
