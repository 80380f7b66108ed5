import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../../lib/atomic-file";

/**
 * The platform's state: one JSON document, held in memory and written as a
 * whole, atomically, after every change. A crash (kill -9 included) leaves
 * the last complete snapshot; a half-written file is never read back.
 */
export class JsonStore<T> {
  private data: T;

  constructor(
    private readonly file: string,
    initial: () => T,
  ) {
    this.data = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : initial();
    if (!existsSync(file)) this.flush();
  }

  /** Reads without changing anything. */
  read<R>(reader: (data: Readonly<T>) => R): R {
    return reader(this.data);
  }

  /**
   * Applies a change and persists it. The change works on a copy: when it
   * throws (a validation error, say), nothing is changed, in memory or on disk.
   */
  mutate<R>(change: (data: T) => R): R {
    const draft = structuredClone(this.data);
    const result = change(draft);
    this.data = draft;
    this.flush();
    return result;
  }

  private flush(): void {
    writeFileAtomic(this.file, JSON.stringify(this.data), 0o600);
  }
}
