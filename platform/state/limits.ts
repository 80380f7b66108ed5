/**
 * Heroku's documented limits, each with the answer Heroku gives when one is
 * reached (422 `invalid_params`). Where Heroku documents a limit but not its
 * message, the message is its documentation's sentence.
 *
 * Sources: Dev Center "Limits" (apps, custom domains, log drains, webhooks)
 * and "Configuration and Config Vars" (config var data); the messages for
 * apps from the Platform API's own answer (quoted in heroku/hatchet#90) and
 * for drains from Heroku's log router (heroku/logplex, logplex_api.erl).
 */
import { ApiError } from "../protocol/api-error";

interface Limit {
  readonly max: number;
  readonly message: string;
}

export const LIMITS = {
  /** "An account can have up to 100 apps." */
  appsPerAccount: {
    max: 100,
    message: "You've reached your app limit of 100 apps. Delete some apps or open a ticket at https://help.heroku.com/new/increase-limits to have this limit increased.",
  },
  /** The same 100 for a team's apps, and Heroku's one known answer to reaching it. */
  appsPerTeam: {
    max: 100,
    message: "You've reached your app limit of 100 apps. Delete some apps or open a ticket at https://help.heroku.com/new/increase-limits to have this limit increased.",
  },
  /** "A single app can have up to 1,000 custom domains assigned to it." */
  customDomainsPerApp: { max: 1000, message: "A single app can have up to 1,000 custom domains assigned to it." },
  /** "You can have up to 5 log drains on any given Cedar-generation app." */
  drainsPerApp: { max: 5, message: "You have already added the maximum number of drains allowed" },
  /** "You can configure up to 10 independent app webhook subscriptions per app, add-on, or pipeline." */
  webhooksPerApp: { max: 10, message: "You can configure up to 10 independent app webhook subscriptions per app." },
  /** "Config var data (the combination of all keys and values) cannot exceed 32kb for each app." Counted in UTF-8 bytes. */
  configVarBytes: { max: 32 * 1024, message: "Config var data (the combination of all keys and values) cannot exceed 32kb for each app." },
} as const satisfies Record<string, Limit>;

/** Refuses one more of something when there are `count` already and that is the limit. */
export function checkRoomForOne(limit: Limit, count: number): void {
  if (count >= limit.max) throw ApiError.invalidParams(limit.message);
}

/** Refuses config vars whose keys and values together pass Heroku's 32 KB, saying how large they would be. */
export function checkConfigVarSize(vars: Readonly<Record<string, string>>): void {
  const bytes = Object.entries(vars).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
  if (bytes > LIMITS.configVarBytes.max) throw ApiError.invalidParams(`${LIMITS.configVarBytes.message} These would be ${bytes} bytes.`);
}
