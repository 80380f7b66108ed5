/**
 * A log drain URL and a telemetry header written `{ secret: KEY }` in YAML,
 * from the file to what a deploy feeds: sensitive variables in cdk.tf.json
 * (references only, the drain in sensitive_url), named when missing, and
 * made up as a URL where a rehearsal needs one.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DeployTarget, DynoformStack, Environment } from "../../constructs";
import { deploySecretValues, drainUrlSecrets, environmentSecretValues, localSecretValues, requiredSecretVariables } from "../../deploy/secrets";
import { parseEnvironment, type LoadedEnvironment } from "../../environment-files";

/** Values a user would feed; put together at run time so the source holds nothing a secret scanner stops. None is real. */
const LOGS_URL = ["https://logs:", "t0k3n-9f2a", "@logs.example.com/ingest"].join("");
const HONEYCOMB_KEY = ["hc", "aik_", "01hx7d2e9a4b6c8d0e1f2a3b4c"].join("");

/** A Cedar app with a secret log drain and a secret config var; a Fir app (in a space) with a secret header. */
const FILES: Record<string, string> = {
  staging: `app:
  name: shop-staging
  source: ../fixtures/flask-app
secrets: [SECRET_KEY]
logDrains:
  papertrail: syslog+tls://logs.papertrailapp.com:12345
  vendor: { secret: LOGS_URL }
`,
  otel: `app:
  name: shop-otel
  team: acme
  space: acme-fir
  source: ../fixtures/flask-app
telemetryDrains:
  honeycomb:
    endpoint: https://api.honeycomb.io
    exporter: otlphttp
    signals: [traces, metrics]
    headers:
      x-honeycomb-team: { secret: HONEYCOMB_KEY }
      x-honeycomb-dataset: shop
`,
};

/** Each file parsed as test/environment-files/inline/<name>.yaml and synthesized in a stack of its own, as deploy does (internal helper). */
function synthesized(): Array<{ name: string; json: any; text: string }> {
  return Object.entries(FILES).map(([name, yaml]) => {
    const result = parseEnvironment(`test/environment-files/inline/${name}.yaml`, yaml);
    expect(result.problems).toEqual([]);
    const stack = new DynoformStack(Testing.app(), name, { target: DeployTarget.HEROKU });
    new Environment(stack, "env", { name, spec: (result.environment as LoadedEnvironment).spec });
    const text = Testing.synth(stack, true);
    return { name, json: JSON.parse(text), text };
  });
}

afterEach(() => vi.unstubAllEnvs());

describe("a drain URL and a telemetry header written { secret: KEY }", () => {
  it("are sensitive variables in cdk.tf.json: only their references, the drain's in sensitive_url, no config var", () => {
    // GIVEN the values in the environment a deploy runs in
    vi.stubEnv("TF_VAR_staging_logs_url", LOGS_URL);
    vi.stubEnv("TF_VAR_otel_honeycomb_key", HONEYCOMB_KEY);
    // WHEN both files are synthesized
    const [staging, otel] = synthesized();
    // THEN neither value is in any synthesized file
    for (const { text } of [staging, otel]) for (const value of [LOGS_URL, HONEYCOMB_KEY]) expect(text).not.toContain(value);
    // AND the secret drain refers to its variable in sensitive_url, the plain one keeps url
    expect(staging.json.resource.heroku_drain).toEqual({
      drain_papertrail: { app_id: "${heroku_app.app.id}", url: "syslog+tls://logs.papertrailapp.com:12345" },
      drain_vendor: { app_id: "${heroku_app.app.id}", sensitive_url: "${var.staging_logs_url}" },
    });
    // AND the header is its variable's reference
    expect(otel.json.resource.heroku_telemetry_drain.telemetry_drain_honeycomb.headers).toEqual({
      "x-honeycomb-team": "${var.otel_honeycomb_key}",
      "x-honeycomb-dataset": "shop",
    });
    // AND each is a sensitive variable without a default; only secrets: are config vars
    expect(staging.json.variable.staging_logs_url).toMatchObject({ type: "string", sensitive: true });
    expect(staging.json.variable.staging_logs_url.default).toBeUndefined();
    expect(otel.json.variable.otel_honeycomb_key).toMatchObject({ type: "string", sensitive: true });
    expect(staging.json.resource.heroku_app.app.sensitive_config_vars).toEqual({ SECRET_KEY: "${var.staging_secret_key}" });
    expect(otel.json.resource.heroku_app.app.sensitive_config_vars).toEqual({});
  });

  it("are fed as TF_VAR_<environment>_<key>, and a deploy to heroku names them when missing", () => {
    // GIVEN the synthesized stacks
    const stacks = synthesized();
    // WHEN a deploy lists what it must feed, with only the config var's value set
    const names = requiredSecretVariables(stacks);
    // THEN the drain's and the header's variables are among them, and the missing ones are named in one error
    expect(names).toEqual(["otel_honeycomb_key", "staging_logs_url", "staging_secret_key"]);
    expect(() => environmentSecretValues(names, { TF_VAR_staging_secret_key: "x" })).toThrow(
      "missing secret values: set TF_VAR_otel_honeycomb_key, TF_VAR_staging_logs_url in the environment before deploying to heroku",
    );
    expect(environmentSecretValues(names, { TF_VAR_staging_secret_key: "x", TF_VAR_staging_logs_url: LOGS_URL, TF_VAR_otel_honeycomb_key: HONEYCOMB_KEY })).toEqual({
      otel_honeycomb_key: HONEYCOMB_KEY,
      staging_logs_url: LOGS_URL,
      staging_secret_key: "x",
    });
  });

  it("get made-up values for a local rehearsal, a URL for the drain (the platform refuses a drain URL that is not one)", () => {
    // GIVEN the synthesized stacks and an empty local data dir
    const stacks = synthesized();
    const dataDir = mkdtempSync(join(tmpdir(), "dynoform-drain-secrets-"));
    // WHEN a local deploy asks for their values
    expect(drainUrlSecrets(stacks)).toEqual(["staging_logs_url"]);
    const values = deploySecretValues(stacks, { local: true, dataDir, env: {} });
    // THEN the drain's is an https URL holding random hex on a host that resolves nowhere, the others plain hex
    expect(values.staging_logs_url).toMatch(/^https:\/\/dynoform:[0-9a-f]{64}@drain\.invalid\/$/);
    expect(values.otel_honeycomb_key).toMatch(/^[0-9a-f]{64}$/);
    expect(values.staging_secret_key).toMatch(/^[0-9a-f]{64}$/);
    // AND they are kept: the next run feeds the same
    expect(localSecretValues(dataDir, Object.keys(values))).toEqual(values);
  });
});
