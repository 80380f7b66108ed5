/**
 * heroku_app_config_association: config vars (plain and sensitive) set on an
 * app apart from heroku_app, e.g. secrets fed at deploy time. Only the keys
 * it manages are read back; deleting it removes them. It cannot be imported.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { ProviderError } from "../engine/diagnostics";
import { updateConfigVars } from "./update-config-vars";
import { appIdOf, stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

function managed(state: ObjectValue): Record<string, string> {
  const vars = stringMap(state.vars);
  const sensitive = stringMap(state.sensitive_vars);
  const dupes = Object.keys(sensitive).filter((k) => k in vars);
  if (dupes.length > 0) throw new ProviderError(`[ERROR] Detected duplicate config vars: [${dupes.join(" ")}]`);
  return { ...vars, ...sensitive };
}

/** The managed keys still on the app, with the values it has (internal helper). */
function vetted(keys: Record<string, string>, remote: Record<string, string | null>): ObjectValue {
  return Object.fromEntries(Object.keys(keys).filter((k) => typeof remote[k] === "string").map((k) => [k, remote[k] as string]));
}

export const herokuAppConfigAssociation: ResourceType = {
  forceNew: FORCE_NEW.heroku_app_config_association,

  async create(ctx, planned) {
    const app = appIdOf(planned);
    await updateConfigVars(ctx, app, [], managed(planned));
    return (await this.read(ctx, { ...planned, id: `config:${planned.app_id}` })) ?? planned;
  },

  async read(ctx, state) {
    const remote = await orGone(ctx.client.get<Record<string, string | null>>(`/apps/${appIdOf(state)}/config-vars`));
    if (!remote) return null;
    return {
      id: state.id ?? `config:${state.app_id}`,
      app_id: state.app_id,
      vars: vetted(stringMap(state.vars), remote),
      sensitive_vars: vetted(stringMap(state.sensitive_vars), remote),
    };
  },

  async update(ctx, prior, planned) {
    const before = managed(prior);
    const after = managed(planned);
    await updateConfigVars(ctx, appIdOf(planned), Object.keys(before).filter((k) => !(k in after)), after);
    return (await this.read(ctx, planned)) ?? planned;
  },

  async delete(ctx, state) {
    await updateConfigVars(ctx, appIdOf(state), Object.keys(managed(state)), {});
  },

  async importState() {
    throw new Error("not possible to import this resource");
  },
};
