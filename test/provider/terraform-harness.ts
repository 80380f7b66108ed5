/**
 * Test harness (internal): a scratch Terraform working directory that uses
 * the local provider from its filesystem mirror, and runs the real
 * `terraform` binary in it.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installLocalProvider } from "../../provider/install/install-provider";
import { runProcess, type ProcessRun } from "../run-process";

export type TerraformRun = ProcessRun;

export class TerraformDir {
  readonly dir = mkdtempSync(join(tmpdir(), "dynoform-tf-"));
  private readonly cliConfig: string;

  constructor(private readonly env: Record<string, string> = {}) {
    this.cliConfig = installLocalProvider(join(this.dir, ".provider")).cliConfigFile;
  }

  /** Writes main.tf with the heroku provider required at ~> 5.3 and the given body. */
  write(body: string): this {
    const header = `terraform {\n  required_providers {\n    heroku = { source = "heroku/heroku", version = "~> 5.3" }\n  }\n}\n`;
    writeFileSync(join(this.dir, "main.tf"), header + body);
    return this;
  }

  run(...args: string[]): Promise<TerraformRun> {
    return runTerraform(this.dir, args, { TF_CLI_CONFIG_FILE: this.cliConfig, ...this.env });
  }
}

/** A provider block for the embedded platform at `url`, without the provider's waits after creates. */
export function platformProviderBlock(url: string): string {
  const delays = ["post_app_create_delay", "post_space_create_delay", "post_domain_create_delay"].map((delay) => `    ${delay} = 0`);
  return `provider "heroku" {\n  url = "${url}"\n  delays {\n${delays.join("\n")}\n  }\n}\n`;
}

/** A working directory on the platform with `body` after its provider block, `terraform init` done. */
export async function initializedOn(platform: { url: string; apiKey: string }, body: string): Promise<TerraformDir> {
  const tf = new TerraformDir({ HEROKU_API_KEY: platform.apiKey }).write(platformProviderBlock(platform.url) + body);
  const init = await tf.run("init");
  if (init.code !== 0) throw new Error(init.output);
  return tf;
}

/** Real terraform in `cwd`, with checkpoints off and the given environment. */
export function runTerraform(cwd: string, args: string[], env: Record<string, string>, onStart?: (child: ChildProcess) => void): Promise<TerraformRun> {
  return runProcess("terraform", [...args, "-no-color"], { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env }, onStart });
}
