/** What a view of the stacks' progress does; the TTY and plain renderers each do it their way. */
import type { StackProgress } from "./stack-progress";

/** Where a view writes: process.stdout, or a stream that says whether it is a terminal and how large. */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number };

export interface Renderer {
  /** A stack's state changed (a renderer may show it later, or not at all). */
  changed(stack: StackProgress): void;
  /** Lines that stay, above any live region: the run's notices, a verbose stream. */
  print(text: string): void;
  /** The last frame is shown and the view stops updating. */
  close(): void;
}
