import { didYouMean } from "../vocabulary";
import { STATE_BACKENDS, type StateBackendName } from "../environment-files";
import { StateBackend } from "./state-backend";

/**
 * The backend chosen for one run from the environment, with no file edited
 * (as CI and scripts need): `DYNOFORM_BACKEND`, with each backend's options
 * from Terraform's own variables where it has them.
 *
 * | DYNOFORM_BACKEND | options from |
 * |---|---|
 * | `local` | `DYNOFORM_STATE_DIR` (default cdktf's) |
 * | `pg` | `PG_CONN_STR` (read by Terraform), `DYNOFORM_PG_SCHEMA_PREFIX` |
 * | `s3` | `DYNOFORM_S3_BUCKET`, `AWS_REGION`, `DYNOFORM_S3_KEY_PREFIX` |
 * | `http` | `TF_HTTP_ADDRESS` (the base; each stack at `<base>/<stack>`) |
 * | `cloud` | `TF_CLOUD_ORGANIZATION`, `TF_CLOUD_HOSTNAME`, `DYNOFORM_CLOUD_WORKSPACE_PREFIX` |
 *
 * @returns undefined when DYNOFORM_BACKEND is not set
 * @throws naming the unknown backend or the missing variable, one line
 */
export function stateBackendFromEnvironment(env: NodeJS.ProcessEnv = process.env): StateBackend | undefined {
  const name = env.DYNOFORM_BACKEND;
  if (name === undefined || name === "") return undefined;
  const need = (variable: string): string => {
    const value = env[variable];
    if (!value) throw new Error(`DYNOFORM_BACKEND=${name} needs ${variable}`);
    return value;
  };
  switch (name as StateBackendName) {
    case "local":
      return StateBackend.local({ dir: env.DYNOFORM_STATE_DIR });
    case "pg":
      return StateBackend.pg({ schemaPrefix: env.DYNOFORM_PG_SCHEMA_PREFIX });
    case "s3":
      return StateBackend.s3({ bucket: need("DYNOFORM_S3_BUCKET"), region: need("AWS_REGION"), keyPrefix: env.DYNOFORM_S3_KEY_PREFIX });
    case "http":
      return StateBackend.http({ address: need("TF_HTTP_ADDRESS") });
    case "cloud":
      return StateBackend.cloud({
        organization: need("TF_CLOUD_ORGANIZATION"),
        hostname: env.TF_CLOUD_HOSTNAME,
        workspacePrefix: env.DYNOFORM_CLOUD_WORKSPACE_PREFIX,
      });
    default:
      throw new Error(`DYNOFORM_BACKEND "${name}" is not a state backend (${STATE_BACKENDS.join(", ")})${didYouMean(name, STATE_BACKENDS)}`);
  }
}
