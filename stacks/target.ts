import { LocalBackend, type TerraformStack } from "cdktf";
import { resolve } from "node:path";
import { localPaths } from "../deploy/local-paths";
import { HerokuProvider } from "../.gen/providers/heroku/provider";

/**
 * Where a synthesized stack deploys.
 * - `heroku`: real Heroku through the registry provider and the user's credentials
 *   (HEROKU_API_KEY); state in cdktf's default local backend.
 * - `local`: the embedded platform at `apiUrl`, through dynoform's local provider;
 *   state kept apart under `stateDir`, so nothing local leaks into a real deploy.
 */
export type Target = { readonly kind: "heroku" } | { readonly kind: "local"; readonly apiUrl: string; readonly stateDir: string };

/** The target main.ts synthesizes for: `DYNOFORM_TARGET` (default heroku), `DYNOFORM_API_URL`, `DYNOFORM_STATE_DIR`. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv = process.env): Target {
  const kind = env.DYNOFORM_TARGET ?? "heroku";
  if (kind === "heroku") return { kind };
  if (kind !== "local") throw new Error(`DYNOFORM_TARGET "${kind}" is not local or heroku`);
  if (!env.DYNOFORM_API_URL) throw new Error("DYNOFORM_TARGET=local needs DYNOFORM_API_URL, the embedded platform's URL");
  return { kind, apiUrl: env.DYNOFORM_API_URL, stateDir: env.DYNOFORM_STATE_DIR ? resolve(env.DYNOFORM_STATE_DIR) : localPaths(env).state };
}

/**
 * The provider block and backend of a stack for its target. Add-on
 * credentials (DATABASE_URL, REDIS_URL) are never copied into state.
 */
export function configureStack(stack: TerraformStack, name: string, target: Target): HerokuProvider {
  const customizations = { setAddonConfigVarsInState: false, setAppAllConfigVarsInState: false };
  if (target.kind === "heroku") return new HerokuProvider(stack, "heroku", { customizations: [customizations] });
  new LocalBackend(stack, { path: resolve(target.stateDir, `${name}.tfstate`) });
  return new HerokuProvider(stack, "heroku", {
    url: target.apiUrl,
    customizations: [customizations],
    // The embedded platform is consistent at once: no need for the real provider's settle delays.
    delays: { postAppCreateDelay: 0, postDomainCreateDelay: 0, postSpaceCreateDelay: 0 },
  });
}
