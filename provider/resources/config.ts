/**
 * heroku_config: a named set of vars kept in state only, for other
 * resources to reference; it makes no API calls and cannot be imported.
 */
import type { ResourceType } from "../engine/resource-type";
import { stringMap } from "./attribute-values";
import { checkNoDuplicateVars } from "./duplicate-vars";
import { FORCE_NEW } from "./force-new";

export const herokuConfig: ResourceType = {
  forceNew: FORCE_NEW.heroku_config,

  async create(_ctx, planned) {
    checkNoDuplicateVars(stringMap(planned.vars), stringMap(planned.sensitive_vars));
    return { ...planned, id: `config-${Math.floor(Date.now() / 1000)}` };
  },
  read: async (_ctx, state) => state,
  async update(_ctx, prior, planned) {
    // As the real one: only the maps that changed are compared.
    const changed = (key: string) => JSON.stringify(prior[key] ?? null) !== JSON.stringify(planned[key] ?? null);
    checkNoDuplicateVars(changed("vars") ? stringMap(planned.vars) : {}, changed("sensitive_vars") ? stringMap(planned.sensitive_vars) : {});
    return planned;
  },
  async delete() {},

  async importState() {
    throw new Error("it is not possible to import heroku_config since there are no remote resources");
  },
};
