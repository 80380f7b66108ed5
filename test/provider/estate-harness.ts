/**
 * Test harness (internal): the example estate synthesized for a local target
 * into a scratch folder, an embedded platform on a free loopback port, and
 * real `terraform` run in each stack's folder with the local provider.
 * Tests edit a stack's cdk.tf.json to stage a change, as a code change would.
 */
import { App } from "cdktf";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform, type PlatformOptions, type RunningPlatform } from "../../platform";
import { HerokuClient } from "../../provider/api/heroku-client";
import { installLocalProvider } from "../../provider/install/install-provider";
import { loadEstate } from "../../spec";
import { runTerraform, type TerraformRun } from "./terraform-harness";
import { buildEstate } from "../../stacks/estate";

export class LocalEstate {
  readonly dir = mkdtempSync(join(tmpdir(), "dynoform-estate-"));
  readonly outdir = join(this.dir, "cdktf.out");
  readonly journal = join(this.dir, "journal.jsonl");
  platform!: RunningPlatform;
  api!: HerokuClient;
  private cliConfig = "";
  private readonly initialised = new Set<string>();

  async start(options: Partial<PlatformOptions> = {}): Promise<this> {
    this.platform = await startPlatform({ dataDir: join(this.dir, "platform"), port: 0, delays: { buildMs: 50, provisionMs: 200, promotionMs: 50 }, ...options });
    this.api = new HerokuClient({ url: this.platform.url, apiKey: this.platform.apiKey });
    this.cliConfig = installLocalProvider(join(this.dir, "terraform")).cliConfigFile;
    const app = new App({ outdir: this.outdir });
    buildEstate(app, loadEstate(join(__dirname, "..", "..", "environments")), {
      kind: "local",
      apiUrl: this.platform.url,
      stateDir: join(this.dir, "state"),
    });
    app.synth();
    return this;
  }

  stackJson(stack: string): any {
    return JSON.parse(readFileSync(join(this.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  }

  /** Stages a change: edits the stack's synthesized JSON in place. */
  edit(stack: string, change: (json: any) => void): void {
    const json = this.stackJson(stack);
    change(json);
    writeFileSync(join(this.outdir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }

  terraform(stack: string, args: string[], extraEnv: Record<string, string> = {}): Promise<TerraformRun> {
    return runTerraform(join(this.outdir, "stacks", stack), args, {
      TF_CLI_CONFIG_FILE: this.cliConfig,
      HEROKU_API_KEY: this.platform.apiKey,
      DYNOFORM_PROVIDER_JOURNAL: this.journal,
      TF_VAR_staging_secret_key: "staging-secret-value",
      TF_VAR_production_secret_key: "production-secret-value",
      ...extraEnv,
    });
  }

  /** init (once per stack) + apply, failing loudly with terraform's output. */
  async apply(stack: string, extraEnv: Record<string, string> = {}): Promise<TerraformRun> {
    if (!this.initialised.has(stack)) {
      const init = await this.terraform(stack, ["init", "-input=false"], extraEnv);
      if (init.code !== 0) throw new Error(`terraform init ${stack} failed:\n${init.output}`);
      this.initialised.add(stack);
    }
    return this.terraform(stack, ["apply", "-auto-approve", "-input=false"], extraEnv);
  }

  /** `plan -detailed-exitcode`: 0 no changes, 2 changes. */
  plan(stack: string): Promise<TerraformRun> {
    return this.terraform(stack, ["plan", "-detailed-exitcode", "-input=false"]);
  }

  state(stack: string): any {
    return JSON.parse(readFileSync(join(this.dir, "state", `${stack}.tfstate`), "utf8"));
  }

  async app(name: string): Promise<any> {
    return this.api.get(`/apps/${name}`);
  }

  close(): Promise<void> {
    return this.platform.close();
  }
}
