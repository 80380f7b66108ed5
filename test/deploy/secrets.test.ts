import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  environmentSecretValues,
  localSecretValues,
  requiredSecretVariables,
  secretEnvironment,
  type SynthesizedStack,
} from "../../deploy/secrets";

const stacks: SynthesizedStack[] = [
  { name: "staging", json: { variable: { staging_secret_key: { sensitive: true }, region: { default: "us" } } } },
  { name: "production", json: { variable: { production_secret_key: { sensitive: true }, plain: {} } } },
];

describe("secrets for a deploy", () => {
  it("lists the sensitive variables without a default, sorted and once each", () => {
    // GIVEN two stacks with one secret each and plain variables
    // WHEN the required secrets are listed
    const names = requiredSecretVariables([...stacks, stacks[0]]);
    // THEN only the sensitive ones are named
    expect(names).toEqual(["production_secret_key", "staging_secret_key"]);
  });

  it("generates local values once, keeps them in a 0600 file, and returns the same values next time", () => {
    // GIVEN an empty local data dir
    const dir = mkdtempSync(join(tmpdir(), "dynoform-secrets-"));
    // WHEN values are asked twice, the second time with one more name
    const first = localSecretValues(dir, ["a"]);
    const second = localSecretValues(dir, ["a", "b"]);
    // THEN the first value is kept, the new one generated, and the file is private
    expect(first.a).toMatch(/^[0-9a-f]{64}$/);
    expect(second.a).toBe(first.a);
    expect(second.b).toMatch(/^[0-9a-f]{64}$/);
    expect(second.b).not.toBe(first.a);
    expect(statSync(join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, "secrets.json"), "utf8"))).toEqual(second);
  });

  it("takes real-target values from TF_VAR_ variables", () => {
    const values = environmentSecretValues(["staging_secret_key"], { TF_VAR_staging_secret_key: "s3cret" });
    expect(values).toEqual({ staging_secret_key: "s3cret" });
    expect(secretEnvironment(values)).toEqual({ TF_VAR_staging_secret_key: "s3cret" });
  });

  it("fails naming every missing real-target secret", () => {
    expect(() => environmentSecretValues(["a", "b", "c"], { TF_VAR_b: "x" })).toThrow(
      "missing secret values: set TF_VAR_a, TF_VAR_c in the environment before deploying to heroku",
    );
  });
});
