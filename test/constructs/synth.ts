/** Synthesizing constructs as `dynoform synth` does: in a DynoformStack for Heroku, validations on. */
import { Testing } from "cdktf";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { DeployTarget, DynoformStack, ValidationError } from "../../constructs";

export function herokuStack(app = Testing.app(), id = "test"): DynoformStack {
  return new DynoformStack(app, id, { target: DeployTarget.HEROKU });
}

/** The stack's cdk.tf.json after every validation passed. */
export function synth(build: (stack: DynoformStack) => void): Record<string, any> {
  const stack = herokuStack();
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

/** The lines of the ValidationError the synthesis fails with; fails the test when it synthesizes. */
export function problemsOf(stack: DynoformStack): string[] {
  let error: unknown;
  try {
    Testing.synth(stack, true);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const { problems, message, stack: trace } = error as ValidationError;
  // One line per problem and no stack trace: what the user sees is the lines.
  expect(message).toBe(problems.join("\n"));
  expect(trace).toBe(message);
  return [...problems];
}

/** `problemsOf` a stack that `build` fills. */
export function problems(build: (stack: DynoformStack) => void): string[] {
  const stack = herokuStack();
  build(stack);
  return problemsOf(stack);
}

/** A temporary directory holding a Procfile with these lines: an app source. */
export function sourceDir(procfile = "web: gunicorn app:app\n"): string {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-src-"));
  writeFileSync(join(dir, "Procfile"), procfile);
  return dir;
}
