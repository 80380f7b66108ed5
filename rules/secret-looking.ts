/**
 * What looks like a secret in a plain value: the one home for it. A plain
 * config var ends up in the environment file, git, cdk.tf.json and the plan,
 * so a credential there has leaked; the review masks such values, raises
 * them as risks (and, when the policy asks, as violations), the environment
 * check can refuse them, and `dynoform import` turns them into secrets.
 *
 * Two signs, each with the reason a reviewer reads:
 * - the value has the shape of a credential (a Stripe live key, a GitHub
 *   token, a private key block, a URL with a password…), whatever its key;
 * - the key names a credential (`SECRET_KEY`, `GITHUB_TOKEN`, `DB_PASSWORD`,
 *   or a header such as `x-api-key`, `authorization`) and the value is not a
 *   setting (a number, true/false, empty): a key that merely mentions one
 *   (`TOKEN_TTL: 3600`) holds no secret.
 *
 * The same goes for the other plain values a credential hides in: a log
 * drain's URL and a telemetry drain's headers, which are written as
 * `{ secret: KEY }` instead.
 */
import type { Problem } from "./problem";

/** A credential's shape: what it is, for the reason, and where it sits in a text, to redact it. */
interface SecretShape {
  readonly what: string;
  /** Global and unanchored, so it finds the secret inside a longer value (a JSON blob, a message). */
  readonly pattern: RegExp;
  /** What replaces a match in a redacted text; the whole match by default. */
  readonly redact?: (match: string, ...groups: string[]) => string;
}

/** Not preceded by a character a token is made of: `xsk_live_…` is not a Stripe key. */
const START = "(?<![A-Za-z0-9_-])";

const SECRET_SHAPES: readonly SecretShape[] = [
  {
    what: "a private key",
    // The block up to its END line, or to the end of a value cut short.
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/g,
  },
  {
    what: "a URL with a password",
    // scheme://user:password@ — the user may be empty (Heroku Redis: redis://:password@host).
    pattern: /([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)([^/\s@]+)@/gi,
    redact: (_match, prefix) => `${prefix}(redacted)@`,
  },
  { what: "a Stripe live key", pattern: new RegExp(`${START}[sr]k_live_[0-9A-Za-z]{16,}`, "g") },
  { what: "a Stripe webhook signing secret", pattern: new RegExp(`${START}whsec_[0-9A-Za-z+/=]{24,}`, "g") },
  { what: "a GitHub token", pattern: new RegExp(`${START}(?:gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{22,})`, "g") },
  { what: "a Slack token", pattern: new RegExp(`${START}xox[abeoprs]-[0-9A-Za-z-]{10,}`, "g") },
  { what: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/services\/[0-9A-Za-z/_-]+/g },
  { what: "an AWS access key id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g },
  { what: "a Google API key", pattern: new RegExp(`${START}AIza[0-9A-Za-z_-]{35}`, "g") },
  { what: "a SendGrid API key", pattern: new RegExp(`${START}SG\\.[0-9A-Za-z_-]{22}\\.[0-9A-Za-z_-]{43}`, "g") },
  { what: "an npm token", pattern: new RegExp(`${START}npm_[0-9A-Za-z]{36}`, "g") },
  { what: "an OpenAI API key", pattern: new RegExp(`${START}sk-(?:proj|svcacct|admin)-[0-9A-Za-z_-]{20,}`, "g") },
  { what: "an Anthropic API key", pattern: new RegExp(`${START}sk-ant-[0-9A-Za-z_-]{20,}`, "g") },
];

/**
 * Keys that name a credential (`SECRET_KEY`, `STRIPE_API_KEY`, `DB_PASSWORD`,
 * `GITHUB_TOKEN`, `AWS_ACCESS_KEY_ID`). TOKEN is a word of its own, so
 * `TOKENIZER_NAME` is not one; `SENTRY_DSN` is not one either (Sentry's DSN
 * is meant to be public; a DSN with a password is caught by its value).
 * Header names are judged with their dashes read as underscores (`x-api-key`
 * as `X_API_KEY`), and two more name credentials: `Authorization` and
 * `Proxy-Authorization` carry them by definition (RFC 9110 §11.6.2, §11.7.2),
 * and Honeycomb takes its API key in `x-honeycomb-team`.
 */
const SECRET_KEY_PATTERN =
  /(SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|(^|_)(AUTH)?TOKENS?(_|$)|(^|_)KEY$|(^|_)SALT$|(^|_)AUTHORIZATION$|(^|_)HONEYCOMB_TEAM$)/i;

/** Keys that say their value is meant to be seen: `PUBLIC_KEY`, `STRIPE_PUBLISHABLE_KEY`, `NEXT_PUBLIC_API_KEY`. */
const PUBLIC_KEY_PATTERN = /(^|_)(PUBLIC|PUBLISHABLE)(_|$)/i;

/** A value that configures rather than authenticates: a number, a boolean word, nothing. */
const SETTING_VALUE = /^\s*$|^-?\d+(\.\d+)?$|^(true|false|yes|no|on|off)$/i;

/** The credential a value is shaped like (`a Stripe live key`), if any (internal helper). */
function secretShapeOf(value: string): string | undefined {
  // search() ignores a global pattern's lastIndex: the shapes stay shareable.
  return SECRET_SHAPES.find((shape) => value.search(shape.pattern) >= 0)?.what;
}

/** Does the key (a config var's, a header's) name a credential? Keys that say they are public do not (internal helper). */
function keyNamesCredential(key: string): boolean {
  const words = key.replace(/-/g, "_");
  return SECRET_KEY_PATTERN.test(words) && !PUBLIC_KEY_PATTERN.test(words);
}

/**
 * Why a plain key and value look like a secret (`a Stripe live key`, `the
 * key names a credential`), or undefined when they do not. The key may be
 * unknown (a top-level attribute); any value that is not a string is judged
 * by its key alone (a map under `credentials:`).
 */
export function secretLooking(key: string | undefined, value: unknown): string | undefined {
  if (typeof value === "string") {
    const shape = secretShapeOf(value);
    if (shape) return shape;
    if (SETTING_VALUE.test(value)) return undefined;
  } else if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return undefined;
  }
  return key !== undefined && keyNamesCredential(key) ? "the key names a credential" : undefined;
}

/**
 * Where a secret-looking plain value belongs instead: a config var in
 * `secrets:` (`config`), a drain's URL or header written `{ secret: KEY }`
 * (`value`): both are sensitive Terraform variables fed at deploy time.
 */
export type SecretHome = "config" | "value";

const FIXES: Readonly<Record<SecretHome, string>> = {
  config: "move it to secrets:",
  value: "write it as { secret: KEY }",
};

/** What every report of a secret-looking plain value says after its key or attribute: the reason and the fix. */
export function secretLookingMessage(reason: string, home: SecretHome): string {
  return `looks like a secret (${reason}): ${FIXES[home]}`;
}

/** The plain values of an environment file a credential may hide in; a value that is not a string (`{ secret: KEY }`) is not plain. */
export interface PlainValues {
  readonly config: Readonly<Record<string, string>>;
  readonly logDrains: Readonly<Record<string, unknown>>;
  readonly telemetryDrains: Readonly<Record<string, { readonly headers: Readonly<Record<string, unknown>> }>>;
}

/**
 * An environment file's plain values that look like secrets, each at its
 * place: a config var at `config.KEY`, a log drain's URL at
 * `logDrains.NAME` (judged by its value: the drain's name says nothing of
 * it), a telemetry header at `telemetryDrains.NAME.headers.HEADER` (judged
 * with its name, as a config var is with its key).
 */
export function secretLookingProblems(file: PlainValues): Problem[] {
  const judged = (path: Problem["path"], key: string | undefined, value: unknown, home: SecretHome): Problem[] => {
    const reason = typeof value === "string" ? secretLooking(key, value) : undefined;
    return reason ? [{ path, message: secretLookingMessage(reason, home) }] : [];
  };
  return [
    ...Object.entries(file.config).flatMap(([key, value]) => judged(["config", key], key, value, "config")),
    ...Object.entries(file.logDrains).flatMap(([name, url]) => judged(["logDrains", name], undefined, url, "value")),
    ...Object.entries(file.telemetryDrains).flatMap(([name, drain]) =>
      Object.entries(drain.headers).flatMap(([header, value]) => judged(["telemetryDrains", name, "headers", header], header, value, "value")),
    ),
  ];
}

/** A text with every credential-shaped part replaced, for messages that quote what they were given. */
export function redactSecrets(text: string): string {
  return SECRET_SHAPES.reduce(
    (out, shape) => out.replace(shape.pattern, (match: string, ...groups: string[]) => shape.redact?.(match, ...groups) ?? `(redacted: ${shape.what})`),
    text,
  );
}

/** `JSON.stringify` for a message, with credential-shaped parts redacted. */
export function quoteRedacted(value: unknown): string {
  return redactSecrets(JSON.stringify(value) ?? String(value));
}
