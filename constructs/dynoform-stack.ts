import { LocalBackend, TerraformStack } from "cdktf";
import type { Construct, IConstruct } from "constructs";
import { resolve } from "node:path";
import { HerokuProvider } from "../.gen/providers/heroku/provider";
import { DeployTarget } from "./deploy-target";

export interface DynoformStackProps {
  /** Where the stack deploys. @default DeployTarget.fromEnvironment(): real Heroku unless DYNOFORM_TARGET says local */
  readonly target?: DeployTarget;
}

/**
 * A cdktf stack for Heroku: the `heroku` provider configured for its target,
 * with add-on credentials (DATABASE_URL, REDIS_URL) kept out of Terraform
 * state, and the state backend. Every validation problem of the whole app is
 * reported at once, one line each, before anything is written.
 */
export class DynoformStack extends TerraformStack {
  public readonly provider: HerokuProvider;
  public readonly target: DeployTarget;

  constructor(scope: Construct, id: string, props: DynoformStackProps = {}) {
    super(scope, id);
    this.target = props.target ?? DeployTarget.fromEnvironment();
    const customizations = [{ setAddonConfigVarsInState: false, setAppAllConfigVarsInState: false }];
    if (this.target.kind === "heroku") {
      this.provider = new HerokuProvider(this, "heroku", { customizations });
      return;
    }
    new LocalBackend(this, { path: resolve(this.target.stateDir!, `${id}.tfstate`) });
    this.provider = new HerokuProvider(this, "heroku", {
      url: this.target.apiUrl,
      customizations,
      // The embedded platform is consistent at once: no need for the real provider's settle delays.
      delays: { postAppCreateDelay: 0, postDomainCreateDelay: 0, postSpaceCreateDelay: 0 },
    });
  }

  /**
   * cdktf validates stack by stack and stops at the first that fails; a user
   * fixing an estate wants every problem at once. The app's first
   * DynoformStack checks the whole app and reports everything; the others
   * have nothing left to add.
   */
  public override runAllValidations(): void {
    const all = this.node.root.node.findAll();
    if (all.find((c) => c instanceof DynoformStack) !== this) return;
    const problems = all.flatMap((c: IConstruct) => c.node.validate());
    if (problems.length > 0) throw new ValidationError(problems);
  }
}

/** Every problem the constructs of an app found, one line each; printed as is. */
export class ValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ValidationError";
    // The lines say where the problem is: a stack trace would only bury them.
    this.stack = this.message;
  }
}
