/**
 * Terraform run directly in one synthesized stack's folder, for what cdktf
 * does not offer: a saved plan (`terraform plan -out`) and its JSON next to
 * it, applying exactly that file, and reading the apps' URLs from state.
 * A saved plan holds the values of every variable, secrets included:
 * its files are written 0600.
 */
import { spawn } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../lib/user-error";

interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs terraform in `dir`; stdout is streamed through unless `capture`, and
 * stderr is kept so a failure can be told in one line (internal helper).
 */
function terraform(dir: string, args: readonly string[], env: Record<string, string>, capture = false): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: ["ignore", capture ? "pipe" : "inherit", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * Terraform's own diagnostics in one line: each `Error: summary` with the
 * first sentence of its detail (internal helper, exported for tests).
 */
export function oneLineErrors(stderr: string): string {
  const blocks = stderr
    .split("\n")
    .map((line) => line.replace(/^[│╷╵]\s?/, "").trim())
    .join("\n")
    .split(/^Error: /m)
    .slice(1);
  const errors = blocks.map((block) => {
    const [summary, ...rest] = block.split("\n");
    const detail = rest.join(" ").replace(/\s+/g, " ").trim();
    const sentence = detail.match(/^.*?[.:](\s|$)/)?.[0].trim() ?? detail;
    return sentence ? `${summary.trim()}: ${sentence}` : summary.trim();
  });
  return errors.length > 0 ? errors.join("; ") : stderr.replace(/\s+/g, " ").trim();
}

/** Runs terraform and turns a failure into one UserError line naming what failed (internal helper). */
async function mustRun(what: string, dir: string, args: readonly string[], env: Record<string, string>, capture = false): Promise<TerraformResult> {
  const result = await terraform(dir, args, env, capture);
  if (result.code !== 0 && !(args.includes("-detailed-exitcode") && result.code === 2)) {
    throw new UserError(`${what}: terraform said: ${oneLineErrors(result.stderr)}`);
  }
  process.stderr.write(result.stderr); // warnings, kept visible
  return result;
}

/** The folder cdktf synthesized a stack into. */
export function stackDir(outDir: string, stack: string): string {
  return join(outDir, "stacks", stack);
}

/** `terraform init`: the backend and the providers of one stack, never prompting. */
export async function initStack(dir: string, env: Record<string, string>): Promise<void> {
  await mustRun(`terraform init in ${dir} failed`, dir, ["init", "-input=false", "-no-color"], env, true);
}

/**
 * `terraform plan -out FILE`, then `terraform show -json FILE` into `FILE.json`
 * (what `dynoform review --plan` reads). @returns whether the plan changes anything
 */
export async function planToFile(dir: string, file: string, env: Record<string, string>): Promise<boolean> {
  const plan = await mustRun(`terraform plan of ${dir} failed`, dir, ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${file}`], env);
  chmodSync(file, 0o600);
  const shown = await mustRun(`terraform show of ${file} failed`, dir, ["show", "-json", "-no-color", file], env, true);
  writeFileSync(`${file}.json`, shown.stdout, { mode: 0o600 });
  return plan.code === 2;
}

/** `terraform apply FILE`: exactly what was planned, or Terraform's refusal (a stale plan) in one line. */
export async function applyPlanFile(dir: string, file: string, env: Record<string, string>): Promise<void> {
  await mustRun(`terraform refused to apply ${file}`, dir, ["apply", "-input=false", "-no-color", file], env);
}

/** `terraform apply -destroy`: everything the stack's state holds. */
export async function destroyStack(dir: string, env: Record<string, string>): Promise<void> {
  await mustRun(`terraform destroy in ${dir} failed`, dir, ["apply", "-destroy", "-auto-approve", "-input=false", "-no-color"], env);
}

interface ShownState {
  values?: { root_module?: { resources?: { type: string; values?: { name?: string; web_url?: string } }[] } };
}

/** The web URL of each app in a stack's state, read with `terraform show -json`. */
export async function appUrls(dir: string, env: Record<string, string>): Promise<{ name: string; url: string }[]> {
  const shown = await mustRun(`terraform show in ${dir} failed`, dir, ["show", "-json", "-no-color"], env, true);
  const state = JSON.parse(shown.stdout) as ShownState;
  return (state.values?.root_module?.resources ?? [])
    .filter((r) => r.type === "heroku_app" && r.values?.web_url)
    .map((r) => ({ name: r.values!.name ?? "", url: r.values!.web_url! }));
}
