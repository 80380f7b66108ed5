import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Environment } from "../constructs";
import type { LoadedEnvironment } from "../environment-files";
import { configureStack, type Target } from "./target";

/** One stack per environment file: its own state, so environments deploy and fail apart. */
export class EnvironmentStack extends TerraformStack {
  public readonly environment: Environment;

  constructor(scope: Construct, loaded: LoadedEnvironment, target: Target) {
    super(scope, loaded.name);
    configureStack(this, loaded.name, target);
    this.environment = new Environment(this, "environment", { name: loaded.name, spec: loaded.spec });
  }
}
