import { CloudBackend, HttpBackend, LocalBackend, NamedCloudWorkspace, PgBackend, S3Backend, type TerraformStack } from "cdktf";
import { resolve } from "node:path";
import type { StateBackendName, StateSettings } from "../environment-files";


export interface LocalStateOptions {
  /** The folder of the state files, one `<stack>.tfstate` each. @default cdktf's default: `terraform.<stack>.tfstate` in the project */
  readonly dir?: string;
}

export interface PgStateOptions {
  /**
   * The prefix of the schemas, one per stack (`<prefix>_<stack>`): Terraform's
   * pg backend keys a state by workspace, and every cdktf stack is in the
   * default workspace. @default "dynoform"
   */
  readonly schemaPrefix?: string;
}

export interface S3StateOptions {
  readonly bucket: string;
  readonly region: string;
  /** The prefix of the state objects, one `<prefix>/<stack>.tfstate` each. @default "dynoform" */
  readonly keyPrefix?: string;
}

export interface HttpStateOptions {
  /** The base URL; each stack's state is `<address>/<stack>`, locked at the same URL. */
  readonly address: string;
}

export interface CloudStateOptions {
  readonly organization: string;
  /** The prefix of the workspaces, one `<prefix>-<stack>` each. @default "dynoform" */
  readonly workspacePrefix?: string;
  /** @default "app.terraform.io" */
  readonly hostname?: string;
}

/**
 * Where a stack keeps its Terraform state. Credentials and connection strings
 * are never written into the stack: Terraform reads them from the
 * environment (`PG_CONN_STR`, `AWS_*`, `TF_HTTP_USERNAME`/`TF_HTTP_PASSWORD`,
 * `TF_TOKEN_<host>`), and `requiredEnvironment` names what must be set.
 */
export class StateBackend {
  /** The backend a project's dynoform.yaml names for a target (`state.heroku`, `state.local`). */
  public static fromSettings(settings: StateSettings): StateBackend {
    switch (settings.backend) {
      case "local":
        return StateBackend.local(settings);
      case "pg":
        return StateBackend.pg(settings);
      case "s3":
        return StateBackend.s3(settings);
      case "http":
        return StateBackend.http(settings);
      case "cloud":
        return StateBackend.cloud(settings);
    }
  }

  /** State files on this machine: fine alone, not for a team. */
  public static local(options: LocalStateOptions = {}): StateBackend {
    return new StateBackend("local", [], (stack, stackName, targetDir) => {
      const dir = options.dir ?? targetDir;
      if (dir !== undefined) new LocalBackend(stack, { path: resolve(dir, `${stackName}.tfstate`) });
    });
  }

  /** Terraform's Postgres backend (advisory-lock locking), e.g. a Heroku Postgres of an operations app; the connection from PG_CONN_STR. */
  public static pg(options: PgStateOptions = {}): StateBackend {
    return new StateBackend("pg", ["PG_CONN_STR"], (stack, stackName) => {
      const schemaName = `${options.schemaPrefix ?? "dynoform"}_${stackName}`.replace(/[^A-Za-z0-9_]/g, "_");
      // No conn_str: Terraform reads PG_CONN_STR, so the password is in no file.
      new PgBackend(stack, { schemaName } as ConstructorParameters<typeof PgBackend>[1]);
    });
  }

  /** An S3 bucket, locked with Terraform's S3 lock file (`use_lockfile`); credentials from the AWS environment. */
  public static s3(options: S3StateOptions): StateBackend {
    return new StateBackend("s3", [], (stack, stackName) => {
      const { bucket, region, keyPrefix = "dynoform" } = options;
      new S3Backend(stack, { bucket, region, key: `${keyPrefix}/${stackName}.tfstate`, encrypt: true });
      // Terraform ≥ 1.10 locks with a lock object next to the state; cdktf 0.21 predates the option.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
    });
  }

  /** A REST endpoint (GET/POST/DELETE, LOCK/UNLOCK); basic auth from TF_HTTP_USERNAME / TF_HTTP_PASSWORD. */
  public static http(options: HttpStateOptions): StateBackend {
    return new StateBackend("http", [], (stack, stackName) => {
      const address = `${options.address.replace(/\/+$/, "")}/${stackName}`;
      new HttpBackend(stack, { address, lockAddress: address, unlockAddress: address });
    });
  }

  /** HCP Terraform (or Terraform Enterprise); the token from TF_TOKEN_<host> or `terraform login`. */
  public static cloud(options: CloudStateOptions): StateBackend {
    return new StateBackend("cloud", [], (stack, stackName) => {
      const { organization, hostname, workspacePrefix = "dynoform" } = options;
      new CloudBackend(stack, { organization, hostname, workspaces: new NamedCloudWorkspace(`${workspacePrefix}-${stackName}`) });
    });
  }

  private constructor(
    /** The backend's name, as DYNOFORM_BACKEND writes it. */
    public readonly name: StateBackendName,
    /** Environment variables Terraform needs for this backend; each missing one is named before Terraform runs. */
    public readonly requiredEnvironment: readonly string[],
    private readonly configure: (stack: TerraformStack, stackName: string, targetDir?: string) => void,
  ) {}

  /**
   * @internal configures `stack` (named `stackName`) to keep its state here;
   * local state without a folder of its own goes to the target's (`targetDir`)
   */
  public bind(stack: TerraformStack, stackName: string, targetDir?: string): void {
    this.configure(stack, stackName, targetDir);
  }
}
