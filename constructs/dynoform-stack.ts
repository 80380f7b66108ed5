import { TerraformStack } from "cdktf";
import type { Construct, IConstruct } from "constructs";
import { HerokuProvider } from "../.gen/providers/heroku/provider";
import { DeployTarget } from "./deploy-target";
import { StateBackend } from "./state-backend";
import { stateBackendFromEnvironment } from "./state-backend-environment";

export interface DynoformStackProps {
  /** Where the stack deploys. @default DeployTarget.fromEnvironment(): real Heroku unless DYNOFORM_TARGET says local */
  readonly target?: DeployTarget;
  /**
   * Where the stack keeps its Terraform state. `DYNOFORM_BACKEND` in the
   * environment overrides it for one run.
   * @default local state: cdktf's `terraform.<stack>.tfstate` for Heroku, `.dynoform/local/state/` for the embedded platform
   */
  readonly backend?: StateBackend;
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
  public readonly backend: StateBackend;

  constructor(scope: Construct, id: string, props: DynoformStackProps = {}) {
    super(scope, id);
    this.target = props.target ?? DeployTarget.fromEnvironment();
    this.backend = stateBackendFromEnvironment() ?? props.backend ?? StateBackend.local();
    this.backend.bind(this, id, this.target.stateDir);
    const customizations = [{ setAddonConfigVarsInState: false, setAppAllConfigVarsInState: false }];
    if (this.target.kind === "heroku") {
      this.provider = new HerokuProvider(this, "heroku", { customizations });
      return;
    }
    this.provider = new HerokuProvider(this, "heroku", {
      url: this.target.apiUrl,
      customizations,
      // The embedded platform is consistent at once: no need for the real provider's settle delays.
      delays: { postAppCreateDelay: 0, postDomainCreateDelay: 0, postSpaceCreateDelay: 0 },
    });
  }

  /**
   * cdktf validates stack by stack and stops at the first that fails; a user
   * fixing an estate wants every problem at once. Whichever DynoformStack is
   * validated first (by `app.synth()` or by a test synthesizing any one
   * stack) checks the whole app and reports everything; the validators run
   * once per app, as one synthesis is a snapshot of the tree.
   */
  public override runAllValidations(): void {
    const root = this.node.root;
    let problems = problemsByApp.get(root);
    if (!problems) problemsByApp.set(root, (problems = root.node.findAll().flatMap((c: IConstruct) => c.node.validate())));
    if (problems.length > 0) throw new ValidationError(problems);
  }
}

/** The problems of each app's whole tree, found once (internal helper). */
const problemsByApp = new WeakMap<IConstruct, string[]>();

/** Every problem the constructs of an app found, one line each; printed as is. */
export class ValidationError extends Error {
  declare readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    // The lines say where each problem is: a stack trace, or Node printing the error's fields
    // when a program lets it escape, would only bury them.
    this.stack = this.message;
    Object.defineProperty(this, "problems", { value: problems, enumerable: false });
  }
}
ValidationError.prototype.name = "ValidationError";
