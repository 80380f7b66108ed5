import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../../lib/atomic-file";

/** A data file that cannot be read back; the message names it and says what to do. */
export class CorruptDataError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot read the platform's data file ${file}: ${reason}. It is left as it is: restore it from a backup, or move it away to start with no data.`);
  }
}

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
    if (existsSync(file)) this.data = JsonStore.load<T>(file);
    else {
      this.data = initial();
      this.flush();
    }
  }

  /**
   * The document a file holds. A file that is not one JSON object (garbage,
   * a copy cut short, `null`) is refused with its path, and left untouched:
   * starting afresh over it would lose the user's data for good.
   */
  private static load<T>(file: string): T {
    return readJsonObject(file) as T;
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

/** The JSON object a platform file holds; anything else is a CorruptDataError naming the file. */
export function readJsonObject(file: string): Record<string, unknown> {
  const text = readFileSync(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CorruptDataError(file, text.trim() === "" ? "it is empty" : `it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CorruptDataError(file, `it holds ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`}, not an object`);
  }
  return parsed as Record<string, unknown>;
}
