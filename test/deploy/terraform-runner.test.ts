import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { ensureInit, stackDir } from "../../deploy/terraform-runner";
import { runDynoform, runProcess, type ProcessRun } from "../run-process";

/**
 * dynoform's own runner on the embedded platform, through the CLI as a user
 * runs it: a scratch project (its own DYNOFORM_HOME and a copy of the example
 * estate's environment files: staging and production, and the pipeline stack
 * that reads both). Each describe block has its own project and platform;
 * its tests run in order, each starting from what the previous one left.
 */
const ROOT = join(__dirname, "..", "..");
const projects: string[] = [];

interface Project {
  readonly home: string;
  readonly environments: string;
  readonly env: NodeJS.ProcessEnv;
  dynoform(args: string[], onStart?: Parameters<typeof runProcess>[2]["onStart"], extraEnv?: NodeJS.ProcessEnv): Promise<ProcessRun>;
}

/** A scratch project with the example estate, its platform started with `platformArgs` (internal helper). */
async function project(prefix: string, platformArgs: string[] = []): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  projects.push(dir);
  const environments = join(dir, "environments");
  const home = join(dir, "home");
  cpSync(join(ROOT, "environments"), environments, { recursive: true });
  symlinkSync(join(ROOT, "apps"), join(dir, "apps"));
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", DYNOFORM_HOME: home, DYNOFORM_PLATFORM_PORT: "0", DYNOFORM_ENVIRONMENTS: environments };
  for (const name of Object.keys(env)) if (/^(HEROKU_|TF_)/.test(name)) delete env[name];
  const dynoform: Project["dynoform"] = (args, onStart, extraEnv = {}) => runProcess(process.execPath, [join(ROOT, "bin", "dynoform.js"), ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, onStart });
  const started = await dynoform(["platform", "start", ...platformArgs]);
  if (started.code !== 0) throw new Error(started.output);
  return { home, environments, env, dynoform };
}

/** The pids of local provider processes installed under `home` (their command line names the mirror in it) (internal helper). */
function providerPids(home: string): number[] {
  return processes()
    .filter((p) => p.args.includes(join(home, "local", "terraform", "mirror")) && p.args.includes("provider.cjs"))
    .map((p) => p.pid);
}

/** Terraform processes working in a folder under `home` (internal helper). */
function terraformPids(home: string): number[] {
  return processes()
    .filter((p) => /(^|\/)terraform( |$)/.test(p.args))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p.pid}/cwd`).startsWith(home);
      } catch {
        return false;
      }
    })
    .map((p) => p.pid);
}

/** Every process, from /proc (internal helper). */
function processes(): { pid: number; args: string }[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        return [{ pid: Number(name), args: readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim() }];
      } catch {
        return [];
      }
    });
}

/** Polls `check` every 20 ms while `run` goes on; @returns what `run` returned (internal helper). */
async function watching<T>(run: Promise<T>, check: () => void): Promise<T> {
  let done = false;
  const result = run.finally(() => (done = true));
  while (!done) {
    check();
    await new Promise((r) => setTimeout(r, 20));
  }
  return result;
}

/** Resolves once a process's collected output matches `pattern` (internal helper). */
function outputOf(child: { stdout: NodeJS.ReadableStream | null; stderr: NodeJS.ReadableStream | null }, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk;
      if (pattern.test(text)) resolve(text);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
}

afterAll(async () => {
  for (const dir of projects) {
    await runDynoform(["platform", "stop"], { ...process.env, DYNOFORM_HOME: join(dir, "home"), DYNOFORM_PLATFORM_PORT: "0" });
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("dynoform's runner: init once, stacks in parallel, one provider", () => {
  let p: Project;

  it("deploys every stack with one provider process, the environments at once and the pipeline after them", async () => {
    p = await project("dynoform-runner-");
    // WHEN the estate is deployed from scratch, watching the provider processes the while
    const seen = new Set<number>();
    const deployed = await watching(p.dynoform(["deploy", "--target", "local"]), () => providerPids(p.home).forEach((pid) => seen.add(pid)));
    // THEN it succeeded, every stack initialized once
    expect(deployed.code, deployed.output).toBe(0);
    for (const stack of ["staging", "production", "pipeline-flask-demo"]) expect(deployed.output).toContain(`${stack}: terraform init (its providers or backend changed)`);
    // AND one provider process served all three stacks: the one the run named
    const named = Number(/local provider: pid (\d+), serving every stack of this run/.exec(deployed.output)?.[1]);
    expect([...seen]).toEqual([named]);
    // AND the environment stacks ran at once, the pipeline stack, which reads their outputs, only after both
    // (the progress view's plain lines: `staging: planning (0 s)` … `staging: done: 7 added, …`)
    const lines = deployed.output.split("\n");
    const first = (stack: string) => lines.findIndex((line) => line.startsWith(`${stack}: `));
    const done = (stack: string) => lines.findIndex((line) => line.startsWith(`${stack}: done: `));
    for (const stack of ["staging", "production", "pipeline-flask-demo"]) expect(done(stack), deployed.output).toBeGreaterThan(first(stack));
    expect(first("staging")).toBeLessThan(done("production"));
    expect(first("production")).toBeLessThan(done("staging"));
    expect(first("pipeline-flask-demo")).toBeGreaterThan(Math.max(done("staging"), done("production")));
    // AND nothing of the run is left running
    expect(providerPids(p.home)).toEqual([]);
    expect(terraformPids(p.home)).toEqual([]);
  }, 240_000);

  it("plans again with nothing changed without running terraform init", async () => {
    // GIVEN production's init fingerprint and .terraform folder as the deploy left them
    const dir = join(p.home, "local", "cdktf.out", "stacks", "production");
    const before = [statSync(join(dir, ".terraform")).mtimeMs, statSync(join(dir, ".terraform", "dynoform-init.sha256")).mtimeMs];
    // WHEN production is planned
    const planned = await p.dynoform(["plan", "production", "--target", "local"]);
    // THEN it plans no change, and no init ran: no line for it, nothing in .terraform touched
    expect(planned.code, planned.output).toBe(0);
    expect(planned.output).toContain("No changes.");
    expect(planned.output).not.toContain("terraform init");
    expect([statSync(join(dir, ".terraform")).mtimeMs, statSync(join(dir, ".terraform", "dynoform-init.sha256")).mtimeMs]).toEqual(before);
  }, 120_000);

  it("plans a one-line YAML edit without terraform init", async () => {
    // GIVEN staging's log level edited
    const file = join(p.environments, "staging.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("LOG_LEVEL: debug", "LOG_LEVEL: info"));
    // WHEN staging is planned
    const planned = await p.dynoform(["plan", "staging", "--target", "local"]);
    // THEN the change is planned, and no init ran
    expect(planned.code, planned.output).toBe(0);
    expect(planned.output).toContain('"LOG_LEVEL"       = "debug" -> "info"');
    expect(planned.output).not.toContain("terraform init");
  }, 120_000);

  it("stops the provider when Terraform fails, with one line naming the stack", async () => {
    // WHEN every stack's plan fails (Terraform is handed a flag it does not know)
    const planned = await p.dynoform(["plan", "--target", "local"], undefined, { TF_CLI_ARGS_plan: "-no-such-flag" });
    // THEN the run failed in one line naming a stack and the command, and left no provider running
    expect(planned.code).toBe(1);
    expect(planned.output).toMatch(/^dynoform: (staging|production|pipeline-flask-demo): terraform plan failed while planning: /m);
    expect(providerPids(p.home)).toEqual([]);
  }, 120_000);

  it("runs terraform init again once a stack's provider block changed, and only then", async () => {
    // GIVEN production as synthesized, its heroku provider's version constraint changed
    const outDir = join(p.home, "local", "cdktf.out");
    const dir = stackDir(outDir, "production");
    const file = join(dir, "cdk.tf.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.terraform.required_providers.heroku.version = ">= 5.3.0";
    writeFileSync(file, JSON.stringify(json, null, 2));
    const stack = readSynthesizedTree(outDir).find((s) => s.name === "production")!;
    const session = { env: { CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1", TF_CLI_CONFIG_FILE: join(p.home, "local", "terraform", "cli.tfrc") }, providerPackageDir: join(p.home, "local", "terraform", "mirror", "registry.terraform.io", "heroku", "heroku", "5.3.2", readdirSync(join(p.home, "local", "terraform", "mirror", "registry.terraform.io", "heroku", "heroku", "5.3.2"))[0]) };
    // WHEN the runner makes sure it is initialized, twice
    const first = await ensureInit(session, stack, dir);
    const second = await ensureInit(session, stack, dir);
    // THEN the first ran terraform init (which accepted the new constraint), the second did not
    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(existsSync(join(dir, ".terraform.lock.hcl"))).toBe(true);
  }, 120_000);
});

describe("dynoform's runner when the run is cut short", () => {
  let p: Project;

  it("fails in one line when the provider dies mid-apply, and leaves nothing running", async () => {
    // GIVEN a platform slow to create apps, so that the apply is under way for seconds
    const faults = join(tmpdir(), `dynoform-runner-faults-${process.pid}.json`);
    writeFileSync(faults, JSON.stringify({ rules: [{ kind: "latency", method: "POST", path: "^/apps$", latencyMs: 4000 }] }));
    p = await project("dynoform-runner-cut-", ["--faults", faults]);
    // WHEN the provider is killed while Terraform creates the apps
    const run = p.dynoform(["deploy", "--target", "local"], (child) => {
      void outputOf(child, /^(staging|production): applying \d+\/\d+/m).then((text) => process.kill(Number(/local provider: pid (\d+)/.exec(text)![1]), "SIGKILL"));
    });
    const deployed = await run;
    // THEN the deploy failed with one line naming the provider's end and the stack it was applying
    expect(deployed.code).not.toBe(0);
    expect(deployed.output).toMatch(/^dynoform: the local provider exited \(signal SIGKILL\) while applying (staging|production): /m);
    // AND neither a provider nor a terraform of the run is left
    expect(providerPids(p.home)).toEqual([]);
    expect(terraformPids(p.home)).toEqual([]);
  }, 240_000);

  it("stops Terraform and the provider on Ctrl-C, and leaves nothing running", async () => {
    // WHEN the deploy is sent SIGINT while Terraform creates an app
    const deployed = await p.dynoform(["deploy", "--target", "local"], (child) => {
      void outputOf(child, /^(staging|production): applying \d+\/\d+/m).then(() => child.kill("SIGINT"));
    });
    // THEN it ended as interrupted (exit 130), saying so in one line
    expect(deployed.code, deployed.output).toBe(130);
    expect(deployed.output).toMatch(/^dynoform: interrupted \(SIGINT\) (while|before) applying [\w-]+/m);
    // AND neither a provider nor a terraform of the run is left
    expect(providerPids(p.home)).toEqual([]);
    expect(terraformPids(p.home)).toEqual([]);
    // AND the next deploy finishes the job
    const again = await p.dynoform(["deploy", "--target", "local"]);
    expect(again.code, again.output).toBe(0);
  }, 300_000);
});
