/**
 * The view of a run over several stacks: while Terraform works,
 * one line per stack — waiting, planning, applying 7/12, done, failed — with
 * its time, rewritten in place on a terminal (tty-renderer.ts) or printed
 * line by line at each change where output is no terminal or in CI
 * (plain-renderer.ts); then a summary of each stack, a failure named by its
 * resource and Terraform's own error (run-summary.ts). Each stack's whole
 * output goes to its log (stack-log.ts); `verbose` streams it too, each line
 * after its stack's name. The run's secret values are written nowhere, even
 * where a provider's error echoes one.
 *
 * The runner feeds it: `start` as a stack's Terraform command starts,
 * `stdout`/`stderr` with what the command prints (chunks; `-json` output is
 * read as events, anything else is kept as text), `end` with how it ended,
 * `note` for a line of its own, and `close` once the run is over.
 */
import { diagnosticLines, humanDiagnostics } from "./diagnostic-text";
import { plainRenderer } from "./plain-renderer";
import type { ProgressStream, Renderer } from "./renderer";
import { runSummary } from "./run-summary";
import { openStackLog, stackLogPath, type StackLog } from "./stack-log";
import { StackProgress, type TerraformVerb } from "./stack-progress";
import { parseTerraformJsonLine, type TerraformEvent } from "./terraform-json-line";
import { ttyRenderer } from "./tty-renderer";

export interface ProgressViewOptions {
  /** The stacks of the run, in the order they are shown. */
  readonly stacks: readonly string[];
  /** Where the view and the summary go: process.stdout. */
  readonly out: ProgressStream;
  /** Also stream every line of Terraform's output, after its stack's name (no live region then). */
  readonly verbose?: boolean;
  /** The folder of the stacks' logs, `<outDir>/logs`: `<logDir>/<stack>.log`. */
  readonly logDir: string;
  /** The run's secret values (TF_VAR_*), replaced by `(sensitive value)` in everything written. */
  readonly secrets?: readonly string[];
}

export interface ProgressView {
  /** A Terraform command of the stack starts (init, then plan, apply or destroy). */
  start(stack: string, verb: TerraformVerb): void;
  /** What the command printed on stdout, as it came. */
  stdout(stack: string, chunk: string): void;
  /** What the command printed on stderr, as it came. */
  stderr(stack: string, chunk: string): void;
  /** The command ended; `error` is the runner's own word on a failure Terraform may not have named (the provider died, a lock is held, an interrupt). */
  end(stack: string, outcome: { readonly ok: boolean; readonly error?: string }): void;
  /** A line of the run's own, printed above the live region. */
  note(text: string): void;
  /** Stops the view and prints the summary (the estate summary may follow). */
  close(): void;
  /** The stack's log file. */
  logPath(stack: string): string;
}

/** CI is set to something that is not a no (internal helper). */
function inCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== "" && ci !== "0" && ci !== "false";
}

export function createProgressView(options: ProgressViewOptions): ProgressView {
  const { out, verbose = false, logDir } = options;
  const stacks = options.stacks.map((name) => new StackProgress(name));
  const byName = new Map(stacks.map((stack) => [stack.name, stack]));
  const renderer: Renderer = out.isTTY === true && !verbose && !inCI(process.env) ? ttyRenderer(out, stacks) : plainRenderer(out);
  const secrets = [...new Set(options.secrets ?? [])].filter(Boolean).sort((a, b) => b.length - a.length);
  const clean = (text: string) => secrets.reduce((result, secret) => result.split(secret).join("(sensitive value)"), text);
  const logs = new Map<string, StackLog>();
  /** The end of a chunk without its newline yet, by stack and stream. */
  const partial = new Map<string, string>();
  /** The stderr of each stack's running command, for its errors when no diagnostic named them. */
  const stderrText = new Map<string, string>();
  let closed = false;

  // A stack the run did not name at the start (an orphan it destroys) is shown after the others.
  const stackOf = (name: string) => {
    let stack = byName.get(name);
    if (!stack) {
      byName.set(name, (stack = new StackProgress(name)));
      stacks.push(stack);
    }
    return stack;
  };
  const logOf = (name: string) => {
    let log = logs.get(name);
    if (!log) logs.set(name, (log = openStackLog(logDir, name)));
    return log;
  };
  const record = (name: string, lines: readonly string[]) => {
    const cleaned = lines.map(clean);
    logOf(name).write(cleaned);
    if (verbose) renderer.print(cleaned.map((line) => `${name}  ${line}`).join("\n"));
  };
  const onLine = (name: string, line: string, stream: "stdout" | "stderr") => {
    if (closed) return;
    const stack = stackOf(name);
    if (stream === "stderr") {
      stderrText.set(name, `${stderrText.get(name) ?? ""}${line}\n`);
      return record(name, [line]);
    }
    const event = cleanEvent(parseTerraformJsonLine(line), clean);
    record(name, event.kind === "diagnostic" ? diagnosticLines(event.diagnostic) : event.message.split("\n"));
    stack.advance(event);
    renderer.changed(stack);
  };
  const onChunk = (name: string, chunk: string, stream: "stdout" | "stderr") => {
    const key = `${stream}\0${name}`;
    const lines = `${partial.get(key) ?? ""}${chunk}`.split("\n");
    partial.set(key, lines.pop()!);
    lines.forEach((line) => onLine(name, line.replace(/\r$/, ""), stream));
  };
  const flush = (name: string) => {
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = partial.get(`${stream}\0${name}`);
      partial.delete(`${stream}\0${name}`);
      if (rest) onLine(name, rest, stream);
    }
  };

  return {
    start(name, verb) {
      if (closed) return;
      const stack = stackOf(name);
      stderrText.delete(name);
      logOf(name).write([`$ terraform ${verb}  (${new Date().toISOString()})`]);
      stack.start(verb, Date.now());
      renderer.changed(stack);
    },
    stdout: (name, chunk) => onChunk(name, chunk, "stdout"),
    stderr: (name, chunk) => onChunk(name, chunk, "stderr"),
    end(name, outcome) {
      if (closed) return;
      const stack = stackOf(name);
      flush(name);
      if (!outcome.ok && stack.errors.length === 0) {
        humanDiagnostics(stderrText.get(name) ?? "")
          .filter((diagnostic) => diagnostic.severity === "error")
          .forEach((diagnostic) => stack.diagnose(diagnostic));
      }
      const error = outcome.error === undefined ? undefined : clean(outcome.error);
      if (error) logOf(name).write([`dynoform: ${error}`]);
      stack.end({ ok: outcome.ok, error }, Date.now());
      renderer.changed(stack);
    },
    note(text) {
      if (closed) out.write(`${clean(text)}\n`);
      else renderer.print(clean(text));
    },
    close() {
      if (closed) return;
      stacks.forEach((stack) => flush(stack.name));
      closed = true;
      renderer.close();
      out.write(`\n${runSummary(stacks, (name) => stackLogPath(logDir, name)).map(clean).join("\n")}\n`);
      logs.forEach((log) => log.close());
    },
    logPath: (name) => stackLogPath(logDir, name),
  };
}

/** The event with every text it carries cleaned of the secrets (internal helper). */
function cleanEvent(event: TerraformEvent, clean: (text: string) => string): TerraformEvent {
  if (event.kind !== "diagnostic") return { ...event, message: clean(event.message) };
  const { diagnostic } = event;
  return {
    kind: "diagnostic",
    message: clean(event.message),
    diagnostic: {
      ...diagnostic,
      summary: clean(diagnostic.summary),
      detail: clean(diagnostic.detail),
      ...(diagnostic.range?.code ? { range: { ...diagnostic.range, code: clean(diagnostic.range.code) } } : {}),
    },
  };
}
