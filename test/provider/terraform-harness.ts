/**
 * Test harness (internal): a scratch Terraform working directory that uses
 * the local provider from its filesystem mirror, and runs the real
 * `terraform` binary in it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installLocalProvider } from "../../provider/install/install-provider";

export interface TerraformRun {
  readonly code: number;
  readonly output: string;
}

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

  run(...args: string[]): TerraformRun {
    const result = spawnSync("terraform", [...args, "-no-color"], {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: this.cliConfig, TF_IN_AUTOMATION: "1", ...this.env },
      timeout: 120_000,
    });
    return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
  }
}
