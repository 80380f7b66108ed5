import { App } from "cdktf";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeployTarget, DynoformStack, HerokuApp, Region, StateBackend } from "../../constructs";
import { installLocalProvider } from "../../provider/install/install-provider";
import { runTerraform } from "../provider/terraform-harness";

/**
 * The backends no server here can stand in for (s3, http, cloud) are still
 * real Terraform: each stack synthesizes a configuration that Terraform's
 * own `init -backend=false` and `validate` accept, with the provider from
 * the local filesystem mirror and no network.
 */
const BACKENDS: Record<string, StateBackend> = {
  s3: StateBackend.s3({ bucket: "shop-terraform-state", region: "eu-west-1" }),
  http: StateBackend.http({ address: "https://state.example.com/terraform/" }),
  cloud: StateBackend.cloud({ organization: "shop", workspacePrefix: "shop" }),
};

describe("the s3, http and cloud state backends", () => {
  const cliConfig = installLocalProvider(mkdtempSync(join(tmpdir(), "dynoform-backends-provider-"))).cliConfigFile;

  it.each(Object.keys(BACKENDS))("%s: the synthesized stack passes terraform init -backend=false and validate", async (name) => {
    // GIVEN a stack with one app keeping its state in the backend
    const outdir = mkdtempSync(join(tmpdir(), `dynoform-backend-${name}-`));
    const app = new App({ outdir });
    const stack = new DynoformStack(app, "shop", { target: DeployTarget.local({ apiUrl: "http://127.0.0.1:4510" }), backend: BACKENDS[name] });
    new HerokuApp(stack, "app", { name: "shop-staging", region: Region.EU });
    app.synth();
    const dir = join(outdir, "stacks", "shop");
    // WHEN Terraform initialises it without the backend, and validates it
    const env = { TF_CLI_CONFIG_FILE: cliConfig };
    const init = await runTerraform(dir, ["init", "-backend=false", "-input=false"], env);
    const validate = await runTerraform(dir, ["validate"], env);
    // THEN both succeed
    expect(init.code, init.output).toBe(0);
    expect(validate.code, validate.output).toBe(0);
    expect(validate.output).toContain("The configuration is valid");
    // AND the stack names its own state in the backend, with no credential in the file
    const terraform = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")).terraform;
    expect(JSON.stringify(terraform.backend ?? terraform.cloud)).toMatch(/shop/);
    expect(JSON.stringify(terraform)).not.toMatch(/token|password|secret_key/i);
  });
});
