/**
 * The provider block and its environment fallbacks, with the real
 * provider's defaults: `url`/HEROKU_API_URL, `api_key`/HEROKU_API_KEY,
 * `email`/HEROKU_EMAIL, `headers`/HEROKU_HEADERS (a JSON object),
 * `customizations` (config vars copied into state: on), `delays` (10 s after
 * an app is created, 5 s after a domain or a space) and `timeouts` (add-ons: 20 min).
 */
import type { ClientOptions } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import { ProviderError } from "./diagnostics";
import type { ProviderSettings } from "./resource-type";

const DEFAULT_URL = "https://api.heroku.com";

/** The single object of an optional one-item block list (internal helper). */
function firstBlock(config: ObjectValue, name: string): ObjectValue {
  const list = config[name];
  return Array.isArray(list) && list.length > 0 ? (list[0] as ObjectValue) : {};
}

function stringOf(config: ObjectValue, name: string, env: string | undefined): string | undefined {
  const value = config[name];
  return typeof value === "string" && value !== "" ? value : env || undefined;
}

export function clientOptions(config: ObjectValue, env: NodeJS.ProcessEnv): ClientOptions {
  const apiKey = stringOf(config, "api_key", env.HEROKU_API_KEY);
  if (!apiKey) {
    throw new ProviderError("no Heroku API key", "Set api_key in the provider block or HEROKU_API_KEY in the environment.", ["api_key"]);
  }
  const headersText = stringOf(config, "headers", env.HEROKU_HEADERS);
  let headers: Record<string, string> | undefined;
  if (headersText) {
    try {
      headers = JSON.parse(headersText) as Record<string, string>;
    } catch {
      throw new ProviderError("headers must be a JSON object of strings", undefined, ["headers"]);
    }
  }
  return {
    url: stringOf(config, "url", env.HEROKU_API_URL) ?? DEFAULT_URL,
    apiKey,
    email: stringOf(config, "email", env.HEROKU_EMAIL),
    headers,
  };
}

export function providerSettings(config: ObjectValue): ProviderSettings {
  const customizations = config.customizations;
  if (Array.isArray(customizations) && customizations.length > 1) {
    throw new ProviderError("Provider configuration error: only one customizations block is permitted", undefined, ["customizations"]);
  }
  const custom = firstBlock(config, "customizations");
  const delays = firstBlock(config, "delays");
  const timeouts = firstBlock(config, "timeouts");
  const number = (block: ObjectValue, name: string, fallback: number) => (typeof block[name] === "number" ? (block[name] as number) : fallback);
  const flag = (name: string) => (typeof custom[name] === "boolean" ? (custom[name] as boolean) : true);
  return {
    setAppAllConfigVarsInState: flag("set_app_all_config_vars_in_state"),
    setAddonConfigVarsInState: flag("set_addon_config_vars_in_state"),
    postAppCreateDelaySeconds: number(delays, "post_app_create_delay", 10),
    postDomainCreateDelaySeconds: number(delays, "post_domain_create_delay", 5),
    postSpaceCreateDelaySeconds: number(delays, "post_space_create_delay", 5),
    addonCreateTimeoutMinutes: number(timeouts, "addon_create_timeout", 20),
  };
}
