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

/** What a store keeps, and how a file of it is read back. */
export interface DocumentShape<T> {
  /** The document of a store that has no file yet. */
  initial(): T;
  /** Brings a document an older platform wrote to today's shapes; it may hold anything (`check` follows), and must not throw on it. */
  upgrade(raw: Record<string, unknown>): unknown;
  /** The document, when `value` is one; else what is wrong with it, saying where. */
  check(value: unknown): { data: T } | { problem: string };
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
    private readonly shape: DocumentShape<T>,
  ) {
    this.data = existsSync(file) ? this.load() : shape.initial();
    // A file an older platform wrote is kept in today's shapes from now on.
    this.flush(this.data);
  }

  /**
   * The document the file holds. A file that is not one (garbage, a copy cut
   * short, a record of the wrong shape) is refused with its path and what is
   * wrong, and left untouched: starting afresh over it would lose the user's data for good.
   */
  private load(): T {
    const checked = this.shape.check(this.shape.upgrade(readJsonObject(this.file)));
    if ("problem" in checked) throw new CorruptDataError(this.file, checked.problem);
    return checked.data;
  }

  /** Reads without changing anything. */
  read<R>(reader: (data: Readonly<T>) => R): R {
    return reader(this.data);
  }

  /**
   * Applies a change and persists it. The change works on a copy, which
   * replaces the document only once it is written: when the change throws (a
   * validation error, say) or the write fails (a full disk, a document the
   * platform could not read back), nothing is changed, in memory or on disk.
   */
  mutate<R>(change: (data: T) => R): R {
    const draft = structuredClone(this.data);
    const result = change(draft);
    this.flush(draft);
    this.data = draft;
    return result;
  }

  /** Writes a document, once it is certain to be one this store can load again (internal helper). */
  private flush(data: T): void {
    const checked = this.shape.check(data);
    // Only a bug makes a record of the wrong shape: the request fails, and the file keeps the last good document.
    if ("problem" in checked) throw new Error(`refusing to write ${this.file}: ${checked.problem}`);
    writeFileAtomic(this.file, JSON.stringify(data), 0o600);
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
