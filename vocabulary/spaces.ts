/** Private Spaces, from the Platform API schema (`space`) and heroku/heroku's `heroku_space`. */

/** Space names: lowercase letters, digits and single dashes, a letter or digit at each end. */
export const SPACE_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?!-))+[a-z0-9]$/;

/** `cidr`: an RFC-1918 /16 (in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16). */
export const SPACE_CIDR_PATTERN = /^((?:10|172\.(?:1[6-9]|2[0-9]|3[01])|192\.168)\..*.+\/16)$/;

/** `data_cidr`: an RFC-1918 block between a /16 and a /20. */
export const SPACE_DATA_CIDR_PREFIX = { min: 16, max: 20 } as const;

/** Whether an IPv4 address `a.b.c.d` is in an RFC-1918 range (10/8, 172.16/12, 192.168/16). */
export function isPrivateAddress(address: string): boolean {
  const octets = address.split(".").map((o) => (/^\d{1,3}$/.test(o) ? Number(o) : NaN));
  if (octets.length !== 4 || octets.some((o) => !(o <= 255))) return false;
  const [a, b] = octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Whether `cidr` is `a.b.c.d/n` with `n` within `prefix` and its address in an RFC-1918 range. */
export function isPrivateBlock(cidr: string, prefix: { readonly min: number; readonly max: number }): boolean {
  const [address, bits, ...rest] = cidr.split("/");
  return rest.length === 0 && /^\d{1,2}$/.test(bits ?? "") && Number(bits) >= prefix.min && Number(bits) <= prefix.max && isPrivateAddress(address);
}

/**
 * The generations of the Heroku platform a space runs: Cedar (the default)
 * or Fir. An app's generation is its space's; an app outside a space is Cedar.
 */
export const SPACE_GENERATIONS = ["cedar", "fir"] as const;
export type SpaceGenerationName = (typeof SPACE_GENERATIONS)[number];
/** The stack a Fir app builds and runs on: Cloud Native Buildpacks, which Heroku names `cnb`. */
export const FIR_STACK_NAME = "cnb";

export const DEFAULT_SPACE_GENERATION: SpaceGenerationName = "cedar";

/** What an inbound rule does with its source's traffic (`inbound-ruleset` `action`). */
export const INBOUND_RULE_ACTIONS = ["allow", "deny"] as const;

/** The inbound rule a space is made with (everything allowed), which heroku/heroku puts back when its ruleset is destroyed. */
export const DEFAULT_INBOUND_RULE = { action: "allow", source: "0.0.0.0/0" } as const;

/** What a team member may be allowed in a space (`space-app-access` `permissions`). */
export const SPACE_APP_PERMISSIONS = ["create_apps"] as const;
