/**
 * heroku_config: a named set of vars kept in state only, for other
 * resources to reference; it makes no API calls and cannot be imported.
 */
import type { ResourceType } from "../engine/resource-type";
import { stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

export const herokuConfig: ResourceType = {
  forceNew: FORCE_NEW.heroku_config,

  validate(config) {
    const vars = stringMap(config.vars);
    return Object.keys(stringMap(config.sensitive_vars))
      .filter((k) => k in vars)
      .map((k) => ({ path: ["sensitive_vars", { key: k }], summary: `config var ${k} is set both in vars and sensitive_vars` }));
  },

  create: async (_ctx, planned) => ({ ...planned, id: `config-${Math.floor(Date.now() / 1000)}` }),
  read: async (_ctx, state) => state,
  update: async (_ctx, _prior, planned) => planned,
  async delete() {},

  async importState() {
    throw new Error("it is not possible to import heroku_config since there are no remote resources");
  },
};
