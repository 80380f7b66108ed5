/**
 * Terraform run directly in each synthesized stack's folder, as dynoform's
 * commands run it (cdktf's CLI is left to those who call it themselves):
 *
 * - `terraform init` only when the stack's providers or backend changed: a
 *   fingerprint of its `terraform` block (required_providers, backend), its
 *   modules, the CLI config and the installed provider package is kept in
 *   `.terraform/`; a missing or different one, or a missing lock file, inits.
 * - then plan, apply or destroy with the flags cdktf 0.21 passes
 *   (`-input=false`, `-no-color`, `-auto-approve`), the secrets as TF_VAR_*,
 *   `-lock-timeout` through TF_CLI_ARGS_* (state-locking.ts), and for real
 *   Heroku cdktf's user agent and plugin cache.
 * - stacks in parallel as far as their dependencies (cdktf's manifest) allow.
 * - for local targets, every command but init reattaches to the run's one
 *   provider process (local-provider.ts); init installs from the mirror, for
 *   the lock file.
 * - with a live view in the session (deploy/progress), init, plan, apply and
 *   destroy run with `-json` and feed it instead of streaming their output;
 *   a failure, a held lock included, is read from the JSON diagnostics, and
 *   the runner's own lines go through the view's `note`.
 *
 * Terraform runs in a process group of its own, so that one Ctrl-C reaches it
 * once, from here: it stops as it does for a Ctrl-C of its own (the run in
 * flight finishes, the state is written), then the provider is stopped. A
 * second Ctrl-C kills everything at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { UserError } from "../lib/user-error";
import type { LocalProvider } from "./local-provider";
import { diagnosticLines, parseTerraformJsonLine, type ProgressView, type TerraformVerb } from "./progress";
import type { SynthesizedStack } from "./secrets";
import { heldLockLine } from "./state-lock-info";

export interface TerraformSession {
  /** The target's variables, the lock timeout (TF_CLI_ARGS_*), the secrets as TF_VAR_*. */
  readonly env: Record<string, string>;
  /** The one local provider Terraform reattaches to; none: Terraform starts the provider itself (real Heroku). */
  readonly provider?: LocalProvider;
  /** The installed local provider package, part of the init fingerprint. */
  readonly providerPackageDir?: string;
  /**
   * The run's live view (deploy/progress): the commands a stack's progress is
   * made of (`shows`) run with `-json` and feed it, instead of streaming
   * Terraform's output; the runner's own lines go through its `note`.
   */
  readonly view?: ProgressView;
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a command does to a stack, for the lines that tell of a failure. */
type Doing = "initializing" | "planning" | "applying" | "destroying" | "reading";

export interface TerraformCommand {
  readonly stack: string;
  readonly dir: string;
  readonly args: readonly string[];
  readonly doing: Doing;
  /** Keep stdout instead of streaming it through. */
  readonly capture?: boolean;
  /** Start each streamed line with the stack's name (several stacks at once, as cdktf does). */
  readonly prefix?: boolean;
  /** How a failure starts (`terraform refused to apply FILE`), before `: terraform said: <its errors>`; default: the stack, command and what it was doing. */
  readonly failure?: string;
  /** Exit codes returned rather than thrown as failures. @default 0, and 2 with -detailed-exitcode */
  readonly accept?: readonly number[];
  /** The step of the stack's progress this command is, for the session's view: with a view, it runs with `-json` and feeds it. */
  readonly shows?: TerraformVerb;
}

/** The terraform processes running now, for the signal handlers (internal). */
const children = new Set<ChildProcess>();
let interrupted: NodeJS.Signals | undefined;
/** The live view of the run in progress, through which the interrupt notice goes (internal). */
let noticeView: ProgressView | undefined;

/** While a run's view is live, the runner's notices (the interrupt line) go through it; undefined: to the terminal again. */
export function noticesThrough(view: ProgressView | undefined): void {
  noticeView = view;
}

/** One line of the run's own: through the session's view when there is one, else on stdout (internal helper). */
function note(session: TerraformSession, text: string): void {
  if (session.view) session.view.note(text);
  else console.log(text);
}

/**
 * What Terraform said, as its human output says it: stderr, and with `-json`
 * each diagnostic of stdout in the box Terraform draws without -json — what
 * the readers of errors and held locks read (internal helper).
 */
function terraformSaid(result: TerraformResult, json: boolean): string {
  if (!json) return result.stderr;
  const diagnostics = result.stdout.split("\n").flatMap((line) => {
    const event = parseTerraformJsonLine(line);
    return event.kind === "diagnostic" ? diagnosticLines(event.diagnostic) : [];
  });
  return [...diagnostics, result.stderr].filter(Boolean).join("\n");
}

/**
 * The errors among `-json` output's diagnostics in one line, as oneLineErrors
 * says them: each summary with the first sentence of its detail (internal helper).
 */
function oneLineJsonErrors(stdout: string): string {
  return stdout
    .split("\n")
    .map(parseTerraformJsonLine)
    .flatMap((event) => (event.kind === "diagnostic" && event.diagnostic.severity === "error" ? [event.diagnostic] : []))
    .map(({ summary, detail }) => {
      const flat = detail.replace(/\s+/g, " ").trim();
      const sentence = flat.match(/^.*?[.:](\s|$)/)?.[0].trim() ?? flat;
      return sentence ? `${summary.trim()}: ${sentence}` : summary.trim();
    })
    .join("; ");
}

/** The command's arguments, with -json after the subcommand when it feeds a view (internal helper). */
function viewArgs(session: TerraformSession, command: TerraformCommand): string[] {
  if (!shownIn(session, command)) return [...command.args];
  return [command.args[0], "-json", ...command.args.slice(1)];
}

/** The view this command feeds, if any (internal helper). */
function shownIn(session: TerraformSession, command: TerraformCommand): ProgressView | undefined {
  return command.shows ? session.view : undefined;
}

/** The folder a stack was synthesized into. */
export function stackDir(outDir: string, stack: string): string {
  return join(outDir, "stacks", stack);
}

/**
 * Terraform's own diagnostics in one line: each `Error: summary` with the
 * first sentence of its detail, or else the first line it wrote (internal helper).
 */
function oneLineErrors(stderr: string): string {
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
  return errors.length > 0 ? errors.join("; ") : (stderr.split("\n").find((line) => line.trim() !== "")?.trim() ?? "");
}

/** The environment of every terraform command of a session (internal helper). */
async function terraformEnvironment(session: TerraformSession, command: TerraformCommand): Promise<NodeJS.ProcessEnv> {
  const { dir } = command;
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", ...session.env };
  // What cdktf sets for Terraform: its user agent, and a shared plugin cache unless told not to.
  const version = cdktfVersion(dir);
  if (version) env.TF_APPEND_USER_AGENT = `cdktf/${version} (+https://github.com/hashicorp/terraform-cdk)`;
  if (!/^(1|true)$/.test(env.CDKTF_DISABLE_PLUGIN_CACHE_ENV ?? "")) {
    env.TF_PLUGIN_CACHE_DIR ||= join(homedir(), ".terraform.d", "plugin-cache");
    mkdirSync(env.TF_PLUGIN_CACHE_DIR, { recursive: true });
  }
  // init installs the provider from the mirror, for the lock file; every other command reattaches.
  if (session.provider && command.args[0] !== "init" && command.args[0] !== "providers") {
    try {
      Object.assign(env, await session.provider.reattachEnv(dir));
    } catch (error) {
      checkProvider(session, command);
      throw new UserError(`the local provider did not answer while ${command.doing} ${command.stack}: ${(error as Error).message}`);
    }
  }
  return env;
}

/** The cdktf version a stack was synthesized with, from its metadata (internal helper). */
function cdktfVersion(dir: string): string | undefined {
  try {
    const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { "//"?: { metadata?: { version?: string } } };
    return json["//"]?.metadata?.version;
  } catch {
    return undefined;
  }
}

/**
 * Runs one terraform command. With the session's view and `shows`, it runs
 * with -json and its output feeds the view; else stdout is streamed (or
 * captured) and stderr is kept and, on success, passed on (warnings). A failure is one UserError
 * line: the provider's death, a held lock, an interrupt, or Terraform's errors.
 * Exit code 2 of `-detailed-exitcode` is a result, not a failure.
 */
export async function terraform(session: TerraformSession, command: TerraformCommand): Promise<TerraformResult> {
  checkProvider(session, command);
  const env = await terraformEnvironment(session, command);
  if (interrupted) throw new UserError(`interrupted (${interrupted}) before ${command.doing} ${command.stack}`, 130);
  const view = shownIn(session, command);
  view?.start(command.stack, command.shows!);
  const result = await new Promise<TerraformResult>((resolve, reject) => {
    const child = spawn("terraform", viewArgs(session, command), {
      cwd: command.dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.add(child);
    let stdout = "";
    let stderr = "";
    let partial = "";
    const prefix = command.prefix ? `${command.stack}  ` : "";
    child.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      stdout += text;
      if (view) return view.stdout(command.stack, text);
      if (command.capture) return;
      if (!prefix) return void process.stdout.write(text);
      const lines = (partial + text).split("\n");
      partial = lines.pop()!;
      if (lines.length > 0) process.stdout.write(lines.map((line) => `${prefix}${line}\n`).join(""));
    });
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      stderr += text;
      view?.stderr(command.stack, text);
    });
    child.on("error", (error) => {
      children.delete(child);
      view?.end(command.stack, { ok: false, error: `could not run terraform: ${error.message}` });
      reject(new UserError(`could not run terraform: ${error.message}`));
    });
    child.on("close", (code) => {
      children.delete(child);
      if (partial) process.stdout.write(`${prefix}${partial}\n`);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
  const accepted = command.accept ?? (command.args.includes("-detailed-exitcode") ? [0, 2] : [0]);
  if (!accepted.includes(result.code)) return fail(session, command, result);
  const succeeded = result.code === 0 || (result.code === 2 && command.args.includes("-detailed-exitcode"));
  // An accepted failure (init, before its -upgrade) is ended by the caller: retried, or failed.
  if (view && succeeded) view.end(command.stack, { ok: true });
  if (!view && (result.code === 0 || result.code === 2)) process.stderr.write(result.stderr);
  return result;
}

/** @throws UserError, the one line for a terraform command that failed (internal helper) */
async function fail(session: TerraformSession, command: TerraformCommand, result: TerraformResult): Promise<never> {
  // A failure because the provider died says so, once its end has reached this process.
  await session.provider?.exitedWithin(250);
  const view = shownIn(session, command);
  // The view hears the runner's word only for what Terraform cannot say itself: the provider's death, an interrupt.
  const own = providerExit(session, command) ?? (interrupted ? new UserError(`interrupted (${interrupted}) while ${command.doing} ${command.stack}: Terraform stopped`, 130) : undefined);
  view?.end(command.stack, own ? { ok: false, error: own.message } : { ok: false });
  if (own) throw own;
  // With -json, Terraform's errors (a held lock among them) are the diagnostics of its stdout.
  const said = terraformSaid(result, view !== undefined);
  // Read as cdktf's output would be, every line starting with the stack's name.
  const lock = heldLockLine(`${view ? "" : `${result.stdout}\n`}${said}`.split("\n").map((line) => `${command.stack}  ${line}`).join("\n"));
  if (lock) throw new UserError(lock);
  const errors = (view ? oneLineJsonErrors(result.stdout) : "") || oneLineErrors(said) || `exit ${result.code}`;
  throw new UserError(command.failure ? `${command.failure}: terraform said: ${errors}` : `${command.stack}: terraform ${command.args[0]} failed while ${command.doing}: ${errors}`);
}

/** The error for a run's provider that has exited, if it has (internal helper). */
function providerExit(session: TerraformSession, command: TerraformCommand): UserError | undefined {
  const exited = session.provider?.exited();
  if (!exited) return undefined;
  return new UserError(`the local provider exited (${exited.how}) while ${command.doing} ${command.stack}: ${exited.stderrTail || "it wrote nothing on stderr"}`);
}

/** @throws UserError when the run's provider has exited (internal helper) */
function checkProvider(session: TerraformSession, command: TerraformCommand): void {
  const exited = providerExit(session, command);
  if (exited) throw exited;
}

/** The init fingerprint's file, in the folder init makes (internal). */
const FINGERPRINT = "dynoform-init.sha256";

/**
 * What `terraform init` depends on for a stack: its `terraform` block
 * (required_providers, backend or cloud), its modules, the CLI config that
 * says where providers come from, the local provider package's files and
 * the lock file and the backend record (`.terraform/terraform.tfstate`)
 * init wrote (internal helper).
 */
function initFingerprint(stack: SynthesizedStack, dir: string, session: TerraformSession): string {
  const json = stack.json as { terraform?: unknown; module?: Record<string, { source?: unknown; version?: unknown }> };
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ terraform: json.terraform ?? null, modules: Object.values(json.module ?? {}).map((m) => [m.source, m.version]) }));
  hash.update(`\0${session.env.TF_CLI_CONFIG_FILE ?? ""}\0`);
  if (session.providerPackageDir) hash.update(packageHash(session.providerPackageDir));
  for (const file of [join(dir, ".terraform.lock.hcl"), join(dir, ".terraform", "terraform.tfstate")]) hash.update("\0").update(existsSync(file) ? readFileSync(file) : "absent");
  return hash.digest("hex");
}

/** The installed package's files, hashed once a run (internal). */
const packageHashes = new Map<string, string>();

/** A hash of every file of the provider package, by path (internal helper). */
function packageHash(dir: string): string {
  let hash = packageHashes.get(dir);
  if (hash) return hash;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const digest = createHash("sha256");
  for (const file of files.map((entry) => join(entry.parentPath, entry.name)).sort()) digest.update(file).update(readFileSync(file));
  packageHashes.set(dir, (hash = digest.digest("hex")));
  return hash;
}

/** The init running now: inits run one at a time, as cdktf runs them (internal). */
let initializing: Promise<unknown> = Promise.resolve();

/**
 * `terraform init -input=false -no-color` when the stack's fingerprint is
 * missing or differs, else nothing. Inits run one at a time: backends set
 * themselves up on the first init (the pg backend creates its schema and
 * table), and two at once would race. @returns whether init ran
 */
export async function ensureInit(session: TerraformSession, stack: SynthesizedStack, dir: string): Promise<boolean> {
  const file = join(dir, ".terraform", FINGERPRINT);
  if (existsSync(file) && readFileSync(file, "utf8") === initFingerprint(stack, dir, session)) return false;
  const init = initializing.then(async () => {
    note(session, `${stack.name}: terraform init (its providers or backend changed)`);
    // As cdktf does for registry providers: a new lock file also gets linux_amd64's hashes, for CI.
    const newLockFile = !session.providerPackageDir && !existsSync(join(dir, ".terraform.lock.hcl"));
    const command = { stack: stack.name, dir, args: ["init", "-input=false", "-no-color"], doing: "initializing", capture: true, failure: `terraform init in ${dir} failed`, shows: "init" } as const;
    const first = await terraform(session, { ...command, accept: [0, 1] });
    // As cdktf does, -upgrade when the lock file holds a version the constraints no longer allow.
    const said = terraformSaid(first, shownIn(session, command) !== undefined);
    if (first.code !== 0 && !/terraform init -upgrade/.test(said.replace(/[│╷╵\s]+/g, " "))) await fail(session, command, first);
    if (first.code !== 0) await terraform(session, { ...command, args: [...command.args, "-upgrade"] });
    if (newLockFile) {
      await terraform(session, { stack: stack.name, dir, args: ["providers", "lock", "-platform=linux_amd64", "-no-color"], doing: "initializing", capture: true, failure: `terraform providers lock in ${dir} failed` });
    }
    writeFileSync(file, initFingerprint(stack, dir, session), { mode: 0o600 });
  });
  initializing = init.catch(() => undefined);
  await init;
  return true;
}

/** In which order stacks may run: after what they depend on, before it (destroy), or all at once. */
export type StackOrder = "dependencies-first" | "dependents-first" | "any";

/** At most this many stacks run at once: each is a Terraform process with its own walk. */
const STACK_CONCURRENCY = 4;

/**
 * Runs `work` for each stack, at most `concurrency` at once, each only once
 * the stacks it must wait for (by `order`, among those given) are done. After
 * a failure no stack starts; the ones running finish, and the first failure
 * is thrown.
 */
export async function runStacks(
  stacks: readonly SynthesizedStack[],
  order: StackOrder,
  work: (stack: SynthesizedStack) => Promise<void>,
  concurrency = STACK_CONCURRENCY,
): Promise<void> {
  const names = new Set(stacks.map((s) => s.name));
  const waitsFor = new Map<string, string[]>(
    stacks.map((stack) => [
      stack.name,
      order === "any"
        ? []
        : order === "dependencies-first"
          ? (stack.dependencies ?? []).filter((d) => names.has(d))
          : stacks.filter((other) => other.dependencies?.includes(stack.name)).map((other) => other.name),
    ]),
  );
  const done = new Set<string>();
  const pending = [...stacks];
  const active = new Set<Promise<void>>();
  let failure: unknown;
  while (pending.length > 0 || active.size > 0) {
    while (failure === undefined && active.size < concurrency) {
      const next = pending.findIndex((stack) => waitsFor.get(stack.name)!.every((name) => done.has(name)));
      if (next < 0) break;
      const [stack] = pending.splice(next, 1);
      const running: Promise<void> = work(stack).then(
        () => void done.add(stack.name),
        (error: unknown) => void (failure ??= error),
      );
      active.add(running);
      void running.finally(() => active.delete(running));
    }
    if (active.size === 0) break;
    await Promise.race(active);
  }
  if (failure !== undefined) throw failure;
}

/**
 * Runs `body` with the session's signal handling: SIGINT or SIGTERM is passed
 * on to the terraform processes once (they stop cleanly and the run fails
 * with exit 130); a second one kills them. `cleanup` (stopping the provider)
 * runs however `body` ends.
 */
export async function withInterrupts<T>(body: () => Promise<T>, cleanup: () => Promise<void>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      children.forEach((child) => child.kill("SIGKILL"));
      process.exit(130); // the exit hook kills the provider
    }
    interrupted = signal;
    const notice = `dynoform: ${signal}: stopping Terraform (again to kill it)`;
    if (noticeView) noticeView.note(notice);
    else console.error(notice);
    children.forEach((child) => child.kill("SIGINT"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await body();
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanup();
  }
}
