/**
 * The view where output is no terminal (CI, a pipe, a file) or in CI: one
 * line per change of a stack's state, `staging: applying 3/12 (14 s)`,
 * never an escape code.
 */
import type { ProgressStream, Renderer } from "./renderer";
import { statusLine, statusText } from "./status-line";

export function plainRenderer(out: ProgressStream): Renderer {
  const shown = new Map<string, string>();
  return {
    changed(stack) {
      const text = statusText(stack, { resource: false });
      if (stack.phase === "waiting" || shown.get(stack.name) === text) return;
      shown.set(stack.name, text);
      out.write(`${stack.name}: ${statusLine(stack, Date.now(), { resource: false })}\n`);
    },
    print(text) {
      out.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    close() {},
  };
}

