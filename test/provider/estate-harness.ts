/**
 * Test harness (internal): the example estate synthesized for a local target
 * into a scratch folder, an embedded platform on a free loopback port, and
 * real `terraform` run in each stack's folder with the local provider.
 * Tests edit a stack's cdk.tf.json to stage a change, as a code change would.
 * The platform runs in this process, or as its own process (`detached`) when
 * a test must kill it.
 */
import { App } from "cdktf";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform, type PlatformOptions } from "../../platform";
import { platformApiKey, runningServer, startDetached } from "../../deploy/platform-process";
import { HerokuClient } from "../../lib/heroku-api-client";
import { installLocalProvider } from "../../provider/install/install-provider";
import { loadEstate } from "../../environment-files";
import { runTerraform, type TerraformRun } from "./terraform-harness";
import { buildEstate } from "../../stacks/estate";

export interface EstateOptions {
  /** In-process platform options. */
  readonly platform?: Partial<PlatformOptions>;
  /** Runs the platform as its own process, started with these `platform start` flags. */
  readonly detached?: readonly string[];
}

/** A free loopback port, so a killed platform comes back where the stacks expect it (internal helper). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export class LocalEstate {
  readonly dir = mkdtempSync(join(tmpdir(), "dynoform-estate-"));
  readonly outdir = join(this.dir, "cdktf.out");
  readonly journal = join(this.dir, "journal.jsonl");
  readonly platformDir = join(this.dir, "platform");
  platform!: { url: string; apiKey: string; close(): Promise<void> };
  api!: HerokuClient;
  private cliConfig = "";
  private readonly initialised = new Set<string>();
  private detachedArgs: readonly string[] = [];
  private port = 0;

  async start(options: EstateOptions = {}): Promise<this> {
    if (options.detached) {
      this.detachedArgs = options.detached;
      this.port = await freePort();
      await this.startDetachedPlatform();
    } else {
      const delays = { buildMs: 50, provisionMs: 200, promotionMs: 50 };
      this.platform = await startPlatform({ dataDir: this.platformDir, port: 0, delays, ...options.platform });
    }
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

  private async startDetachedPlatform(): Promise<void> {
    const server = await startDetached(this.platformDir, this.port, this.detachedArgs);
    this.platform = {
      url: server.url,
      apiKey: platformApiKey(this.platformDir),
      close: async () => {
        const running = runningServer(this.platformDir);
        if (running) process.kill(running.pid, "SIGTERM");
      },
    };
  }

  /** `kill -9` of the detached platform, then a start on the same data and port. */
  async killPlatform(): Promise<void> {
    const running = runningServer(this.platformDir);
    if (running) process.kill(running.pid, "SIGKILL");
    while (runningServer(this.platformDir)) await new Promise((r) => setTimeout(r, 20));
  }

  async restartPlatform(): Promise<void> {
    if (!runningServer(this.platformDir)) await this.startDetachedPlatform();
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

  terraform(stack: string, args: string[], extraEnv: Record<string, string> = {}, onStart?: (child: ChildProcess) => void): Promise<TerraformRun> {
    return runTerraform(join(this.outdir, "stacks", stack), args, {
      TF_CLI_CONFIG_FILE: this.cliConfig,
      HEROKU_API_KEY: this.platform.apiKey,
      DYNOFORM_PROVIDER_JOURNAL: this.journal,
      TF_VAR_staging_secret_key: "staging-secret-value",
      TF_VAR_production_secret_key: "production-secret-value",
      ...extraEnv,
    }, onStart);
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
