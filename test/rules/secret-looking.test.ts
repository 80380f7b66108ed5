import { describe, expect, it } from "vitest";
import { quoteRedacted, redactSecrets, secretLooking, secretLookingProblems } from "../../rules";

/**
 * Credential-shaped test values are put together at run time, so the source
 * holds no string a secret scanner (or GitHub's push protection) would stop.
 * None of them is a real credential.
 */
const join = (...parts: string[]) => parts.join("");
const STRIPE_LIVE = join("sk_", "live_", "51Hq2eZvKYlo2C0a9f3k7XbQ");
const STRIPE_RESTRICTED = join("rk_", "live_", "51Hq2eZvKYlo2C0a9f3k7XbQ");
const STRIPE_TEST = join("sk_", "test_", "51Hq2eZvKYlo2C0a9f3k7XbQ");
const STRIPE_PUBLISHABLE = join("pk_", "live_", "51Hq2eZvKYlo2C0a9f3k7XbQ");
const STRIPE_WEBHOOK = join("whsec_", "5f2c9a81d7e34b6a5f2c9a81d7e34b6a");
const GITHUB_CLASSIC = join("ghp_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
const GITHUB_FINE_GRAINED = join("github_", "pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuv");
const SLACK_BOT = join("xox", "b-", "1234567890-0987654321-AbCdEfGhIjKl");
const SLACK_USER = join("xox", "p-", "1234567890-0987654321-AbCdEfGhIjKl");
const SLACK_WEBHOOK = join("https://hooks.slack.com/", "services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX");
const AWS_KEY_ID = join("AKIA", "Z7QW3ERT5YUI8OPL");
const AWS_SESSION_KEY_ID = join("ASIA", "Z7QW3ERT5YUI8OPL");
const GOOGLE_KEY = join("AIza", "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q");
const PRIVATE_KEY = join("-----BEGIN RSA ", "PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA ", "PRIVATE KEY-----");
const OPENSSH_KEY = join("-----BEGIN OPENSSH ", "PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH ", "PRIVATE KEY-----");

/** [key, value, what it looks like or undefined]: the one table of what counts. */
const TABLE: ReadonlyArray<readonly [string, string, string | undefined]> = [
  // A value shaped like a credential counts under any key.
  ["PAYMENTS", STRIPE_LIVE, "a Stripe live key"],
  ["PAYMENTS", STRIPE_RESTRICTED, "a Stripe live key"],
  ["HOOK", STRIPE_WEBHOOK, "a Stripe webhook signing secret"],
  ["GH", GITHUB_CLASSIC, "a GitHub token"],
  ["GH", GITHUB_FINE_GRAINED, "a GitHub token"],
  ["SLACK", SLACK_BOT, "a Slack token"],
  ["SLACK", SLACK_USER, "a Slack token"],
  ["NOTIFY_URL", SLACK_WEBHOOK, "a Slack webhook URL"],
  ["AWS_ID", AWS_KEY_ID, "an AWS access key id"],
  ["AWS_ID", AWS_SESSION_KEY_ID, "an AWS access key id"],
  ["MAPS", GOOGLE_KEY, "a Google API key"],
  ["CERT", PRIVATE_KEY, "a private key"],
  ["DEPLOY", OPENSSH_KEY, "a private key"],
  ["DATABASE_URL", "postgres://app:pa55word@db.example.com:5432/app", "a URL with a password"],
  ["CACHE_URL", "redis://:pa55word@cache.example.com:6379", "a URL with a password"],
  ["SETTINGS_JSON", `{"stripe":{"key":"${STRIPE_LIVE}"}}`, "a Stripe live key"],
  // A public-named key holding a private key block is still caught by its value.
  ["PUBLIC_KEY", PRIVATE_KEY, "a private key"],
  // A key that names a credential counts when its value could be one.
  ["SECRET_KEY", "dev", "the key names a credential"],
  ["DB_PASSWORD", "hunter2", "the key names a credential"],
  ["GITHUB_TOKEN", "abc123", "the key names a credential"],
  ["STRIPE_API_KEY", "not-a-stripe-shape", "the key names a credential"],
  ["AWS_ACCESS_KEY_ID", "some-id", "the key names a credential"],
  ["RAILS_MASTER_KEY", "0f1e2d3c", "the key names a credential"],
  ["NGROK_AUTHTOKEN", "2abc", "the key names a credential"],
  ["GOOGLE_APPLICATION_CREDENTIALS", "{}", "the key names a credential"],
  ["api_key", "lowercase-too", "the key names a credential"],
  // Header names (telemetry drains) read their dashes as underscores; Authorization carries credentials, Honeycomb's team header its API key.
  ["x-api-key", "k-4f1c", "the key names a credential"],
  ["authorization", "Bearer abc.def", "the key names a credential"],
  ["Proxy-Authorization", "Basic dXNlcjpwYXNz", "the key names a credential"],
  ["x-honeycomb-team", "hc-7d2e9a", "the key names a credential"],
  ["x-auth-token", "t-91b3", "the key names a credential"],
  ["x-honeycomb-dataset", "shop", undefined],
  ["x-team", "acme", undefined],
  ["OAUTH_AUTHORIZATION_URL", "https://auth.example.com/authorize", undefined],
  // Ordinary settings.
  ["PORT", "5000", undefined],
  ["LOG_LEVEL", "debug", undefined],
  ["WEB_CONCURRENCY", "4", undefined],
  ["FLASK_ENV", "production", undefined],
  ["DEBUG", "true", undefined],
  ["GREETING", "my secret", undefined],
  ["TOKENIZER_NAME", "gpt2", undefined],
  ["KEYBOARD_LAYOUT", "us", undefined],
  ["MONKEY", "banana", undefined],
  // A key that names a credential but holds a number, a boolean word or nothing: a setting.
  ["TOKEN_TTL", "3600", undefined],
  ["PASSWORD_MIN_LENGTH", "12", undefined],
  ["API_KEY_REQUIRED", "false", undefined],
  ["SECRET_ROTATION", "off", undefined],
  ["SECRET_KEY", "", undefined],
  // Keys that say their value is public.
  ["PUBLIC_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG7 deploy@example.com", undefined],
  ["STRIPE_PUBLISHABLE_KEY", STRIPE_PUBLISHABLE, undefined],
  ["NEXT_PUBLIC_MAPS_KEY", "browser-visible", undefined],
  // Sentry's DSN is meant to be public; URLs without a password are not secret.
  ["SENTRY_DSN", "https://0a1b2c3d@o123.ingest.sentry.io/456", undefined],
  ["DATABASE_URL", "postgres://localhost/app", undefined],
  ["API_BASE", "https://user@api.example.com/v1", undefined],
  ["UPSTREAM", "http://upstream.example.com:8080/path@v2", undefined],
  // Test keys and near misses are not live credentials.
  ["PAYMENTS", STRIPE_TEST, undefined],
  ["AWS_ID", AWS_KEY_ID.slice(0, -1), undefined],
  ["GH", GITHUB_CLASSIC.slice(0, 20), undefined],
];

describe("what looks like a secret", () => {
  it.each(TABLE)("%s: %j → %s", (key, value, expected) => {
    // GIVEN a plain config var WHEN it is judged THEN the reason is the expected one, or none
    expect(secretLooking(key, value)).toBe(expected);
  });

  it("judges values that are not strings by their key alone", () => {
    // GIVEN a map under a credential's key, and a number or boolean under one
    expect(secretLooking("credentials", { user: "u" })).toBe("the key names a credential");
    expect(secretLooking("password", 1234)).toBeUndefined();
    expect(secretLooking("token", true)).toBeUndefined();
    // AND a value with no key to go by (a top-level attribute) counts by its shape only
    expect(secretLooking(undefined, "plain")).toBeUndefined();
    expect(secretLooking(undefined, STRIPE_LIVE)).toBe("a Stripe live key");
  });
});

describe("an environment file's secret-looking plain values", () => {
  it("is one problem per var at config.KEY, in words that never quote the value", () => {
    // GIVEN plain config with a Stripe key, a password-named var and ordinary settings
    const problems = secretLookingProblems({ config: { PAYMENTS: STRIPE_LIVE, DB_PASSWORD: "hunter2", LOG_LEVEL: "info", PORT: "5000" }, logDrains: {}, telemetryDrains: {} });
    // THEN the two are reported with their reason, and neither value shows
    expect(problems).toEqual([
      { path: ["config", "PAYMENTS"], message: "looks like a secret (a Stripe live key): move it to secrets:" },
      { path: ["config", "DB_PASSWORD"], message: "looks like a secret (the key names a credential): move it to secrets:" },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/hunter2|sk_live/);
  });

  it("judges a drain URL by its value and a telemetry header with its name, and leaves { secret: KEY } alone", () => {
    // GIVEN a log drain URL with a password, a plain one, a secret one; a credential header, a dataset header and a secret header
    const problems = secretLookingProblems({
      config: {},
      logDrains: { vendor: "https://user:pa55word@logs.example.com/in", papertrail: "syslog+tls://logs.papertrailapp.com:12345", token: { secret: "LOGS_URL" } },
      telemetryDrains: { honeycomb: { headers: { "x-honeycomb-team": "hc-7d2e9a", "x-honeycomb-dataset": "shop", "x-api-key": { secret: "HONEYCOMB_KEY" } } } },
    });
    // THEN the URL and the team header are reported where they are written, with the fix for a value that is no config var
    expect(problems).toEqual([
      { path: ["logDrains", "vendor"], message: "looks like a secret (a URL with a password): write it as { secret: KEY }" },
      { path: ["telemetryDrains", "honeycomb", "headers", "x-honeycomb-team"], message: "looks like a secret (the key names a credential): write it as { secret: KEY }" },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/pa55word|hc-7d2e9a/);
  });
});

describe("redacting a message that quotes a value", () => {
  it("replaces every credential-shaped part and keeps the rest readable", () => {
    // GIVEN a text with a URL password, a Stripe key and a private key block
    const text = `source "http://deploy:pa55word@git.example.com/app.tgz" failed; key ${STRIPE_LIVE}; cert ${PRIVATE_KEY} end`;
    // WHEN it is redacted
    const redacted = redactSecrets(text);
    // THEN no secret is left, and the user, host and the words around them are
    expect(redacted).toBe(
      'source "http://deploy:(redacted)@git.example.com/app.tgz" failed; key (redacted: a Stripe live key); cert (redacted: a private key) end',
    );
  });

  it("quotes like JSON.stringify, redacted, and leaves ordinary values alone", () => {
    expect(quoteRedacted("standrd-2x")).toBe('"standrd-2x"');
    expect(quoteRedacted({ environment: "production" })).toBe('{"environment":"production"}');
    expect(quoteRedacted(`x ${GITHUB_CLASSIC}`)).toBe('"x (redacted: a GitHub token)"');
    // AND a private key cut short (no END line) is redacted to the end
    expect(redactSecrets(join("-----BEGIN EC ", "PRIVATE KEY-----\nMHcCAQEEIB"))).toBe("(redacted: a private key)");
  });
});
