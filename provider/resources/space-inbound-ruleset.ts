/**
 * heroku_space_inbound_ruleset: the rules of a space's inbound traffic.
 * Create and update put the whole ruleset; destroy puts back the one Heroku
 * ships a space with (allow 0.0.0.0/0), as the real provider does: a space
 * always has one. The id is the current ruleset's; there is no import.
 */
import { DEFAULT_INBOUND_RULE } from "../../vocabulary";
import type { ObjectValue, Value } from "../protocol/cty";
import { isUnknown } from "../protocol/cty";
import type { ConfigProblem, ResourceContext, ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { wrapError } from "./state-change";

interface ApiRuleset {
  id: string;
  rules: { action: string; source: string }[];
}

function rulesetPath(state: ObjectValue): string {
  return `/spaces/${encodeURIComponent(str(state.space) ?? "")}/inbound-ruleset`;
}

function rulesOf(value: Value | undefined): { action: string; source: string }[] {
  return Array.isArray(value) ? (value as ObjectValue[]).map((r) => ({ action: str(r.action) ?? "", source: str(r.source) ?? "" })) : [];
}

/** An IPv4 address as a number, or undefined when it is not one (internal helper). */
function ipv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** validation.IsCIDRNetwork(0, 32)'s messages for one value, as Go's net.ParseCIDR reads it. */
function cidrNetworkProblem(key: string, value: string): string | undefined {
  const [address, bitsText, extra] = value.split("/");
  const bits = /^\d{1,2}$/.test(bitsText ?? "") ? Number(bitsText) : NaN;
  const ip = ipv4(address);
  if (extra !== undefined || ip === undefined || !(bits <= 32)) {
    return `expected ${key} to contain a valid Value, got: ${value} with err: invalid CIDR address: ${value}`;
  }
  const network = bits === 0 ? 0 : Math.floor(ip / 2 ** (32 - bits)) * 2 ** (32 - bits);
  const text = `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".")}/${bits}`;
  return text === value ? undefined : `expected ${key} to contain a valid network Value, expected ${text}, got ${value}`;
}

async function readRuleset(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const space = str(state.space) ?? "";
  const ruleset = await wrapError(`Error creating inbound ruleset for space (${space}): `, () => ctx.client.get<ApiRuleset>(rulesetPath(state)));
  return { id: ruleset.id, space, rule: ruleset.rules.map((r) => ({ action: r.action, source: r.source })) };
}

async function putRuleset(ctx: ResourceContext, planned: ObjectValue): Promise<ObjectValue> {
  const space = str(planned.space) ?? "";
  await wrapError(`Error creating inbound ruleset for space (${space}): `, () => ctx.client.put(rulesetPath(planned), { rules: rulesOf(planned.rule) }));
  return readRuleset(ctx, planned);
}

export const herokuSpaceInboundRuleset: ResourceType = {
  forceNew: FORCE_NEW.heroku_space_inbound_ruleset,

  validate(config) {
    const rules = config.rule;
    if (!Array.isArray(rules) || isUnknown(rules)) return [];
    return (rules as ObjectValue[]).flatMap((rule, i): ConfigProblem[] => {
      const source = rule?.source;
      const problem = typeof source === "string" ? cidrNetworkProblem(`rule.${i}.source`, source) : undefined;
      return problem ? [{ path: ["rule"], summary: problem }] : [];
    });
  },

  create: putRuleset,
  read: readRuleset,

  update(ctx, _prior, planned) {
    return putRuleset(ctx, planned);
  },

  async delete(ctx, state) {
    const space = str(state.space) ?? "";
    await wrapError(`Error resetting inbound ruleset for space (${space}): `, () =>
      ctx.client.put(rulesetPath(state), { rules: [DEFAULT_INBOUND_RULE] }),
    );
  },

  async importState() {
    throw new Error("resource heroku_space_inbound_ruleset doesn't support import");
  },
};
