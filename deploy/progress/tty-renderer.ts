/**
 * The view on a terminal: a region of one line per stack (`staging  applying
 * 3/12 heroku_app.web (14 s)`), rewritten in place by log-update, at most 10
 * times a second and once a second for the clocks. Lines printed meanwhile
 * go above the region and stay.
 */
import { createLogUpdate } from "log-update";
import type { ProgressStream, Renderer } from "./renderer";
import type { StackProgress } from "./stack-progress";
import { statusLine } from "./status-line";

/** At most one redraw in this long: 10 a second. */
const REDRAW_MS = 100;

export function ttyRenderer(out: ProgressStream, stacks: readonly StackProgress[]): Renderer {
  // The cursor stays shown: hiding it would hook the process's signals and exit (restore-cursor), which the runner handles itself.
  const region = createLogUpdate(out as NodeJS.WriteStream, { showCursor: true });
  const frame = () => {
    const width = Math.max(0, ...stacks.map((s) => s.name.length));
    return stacks.map((stack) => `${stack.name.padEnd(width)}  ${statusLine(stack, Date.now(), { resource: true })}`).join("\n");
  };
  let drawnAt = -Infinity;
  let pending: NodeJS.Timeout | undefined;
  const draw = () => {
    pending = undefined;
    drawnAt = Date.now();
    region(frame());
  };
  const request = () => {
    if (pending) return;
    const wait = drawnAt + REDRAW_MS - Date.now();
    if (wait <= 0) draw();
    else pending = setTimeout(draw, wait);
  };
  const clocks = setInterval(request, 1000);
  clocks.unref();
  draw();
  return {
    changed: request,
    print(text) {
      region.persist(text.replace(/\n$/, ""));
      draw();
    },
    close() {
      clearInterval(clocks);
      clearTimeout(pending);
      draw();
      region.done();
    },
  };
}
