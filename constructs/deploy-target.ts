import { resolve } from "node:path";
import { localPaths } from "../lib/local-paths";

/**
 * Where a DynoformStack deploys.
 * - `DeployTarget.HEROKU`: real Heroku through the registry provider and your
 *   HEROKU_API_KEY; state in cdktf's default local backend.
 * - `DeployTarget.local()`: the embedded platform, through dynoform's local
 *   provider; state kept apart, so nothing local leaks into a real deploy.
 */
export class DeployTarget {
  public static readonly HEROKU = new DeployTarget("heroku");

  /** The embedded platform at `apiUrl`; state files under `stateDir` (default `.dynoform/local/state`). */
  public static local(options: { apiUrl: string; stateDir?: string }): DeployTarget {
    return new DeployTarget("local", options.apiUrl, resolve(options.stateDir ?? localPaths().state));
  }

  /**
   * The target dynoform's commands choose: `DYNOFORM_TARGET` (`heroku`, the
   * default, or `local` with `DYNOFORM_API_URL` and optionally `DYNOFORM_STATE_DIR`).
   * @throws naming the variable that is wrong or missing
   */
  public static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DeployTarget {
    const kind = env.DYNOFORM_TARGET ?? "heroku";
    if (kind === "heroku") return DeployTarget.HEROKU;
    if (kind !== "local") throw new Error(`DYNOFORM_TARGET "${kind}" is not local or heroku`);
    if (!env.DYNOFORM_API_URL) throw new Error("DYNOFORM_TARGET=local needs DYNOFORM_API_URL, the embedded platform's URL");
    return new DeployTarget("local", env.DYNOFORM_API_URL, env.DYNOFORM_STATE_DIR ? resolve(env.DYNOFORM_STATE_DIR) : localPaths(env).state);
  }

  private constructor(
    public readonly kind: "heroku" | "local",
    /** The Platform API the provider talks to; the registry provider's default for Heroku. */
    public readonly apiUrl?: string,
    /** Where local state files go; cdktf's default backend for Heroku. */
    public readonly stateDir?: string,
  ) {}
}
