import type { Construct } from "constructs";
import { DynoformStack, shortAddressOf, TeamMember, TeamRole, type DeployTarget, type StateBackend } from "../constructs";
import type { TeamSettings } from "../environment-files";

/**
 * The members of one team, from dynoform.yaml, in a stack of their own
 * (`team-<name>`): a team outlives any one environment, and its members are
 * changed without planning an app.
 */
export class TeamStack extends DynoformStack {
  public readonly members: TeamMember[];

  constructor(scope: Construct, team: string, settings: TeamSettings, target: DeployTarget, backend?: StateBackend) {
    super(scope, `team-${team}`, { target, backend });
    this.members = settings.members.map((member) => {
      const construct = new TeamMember(this, `member-${member.email}`, { team, email: member.email, role: TeamRole.of(member.role), federated: member.federated });
      // Addressed by email, never by its place in the list.
      construct.resource.overrideLogicalId(shortAddressOf("member", member.email));
      return construct;
    });
  }
}
