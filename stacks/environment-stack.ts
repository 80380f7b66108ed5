import type { Construct } from "constructs";
import { DynoformStack, Environment, type DeployTarget, type StateBackend } from "../constructs";
import type { LoadedEnvironment } from "../environment-files";

/** One stack per environment file: its own state, so environments deploy and fail apart. */
export class EnvironmentStack extends DynoformStack {
  public readonly environment: Environment;

  constructor(scope: Construct, loaded: LoadedEnvironment, target: DeployTarget, backend?: StateBackend) {
    super(scope, loaded.name, { target, backend });
    this.environment = new Environment(this, "environment", { name: loaded.name, spec: loaded.spec });
  }
}
