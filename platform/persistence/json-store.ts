import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic, writeFileAtomicAsync } from "../../lib/atomic-file";

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
  /** What is wrong with `value` as the document's top-level field `field` (one it does not have included), saying where; undefined when nothing is. */
  checkField(field: string, value: unknown): string | undefined;
}

/** A change waiting for the write that will hold it (internal helper). */
interface Waiting<T> {
  readonly change: (data: T) => unknown;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** What a draft keeps of a field no change of its group had reached before the one under way: put back, it is the durable one (internal helper). */
const DURABLE = Symbol("durable");

/**
 * The document a group of changes works on: a shallow copy of the durable
 * one whose top-level fields (collections) are each copied the first time a
 * change reaches them, so a change costs what it touches, and the fields no
 * change reached are the durable ones, unchanged. A change that throws is
 * undone field by field, leaving the changes before it in the group (internal helper).
 */
class Draft<T extends object> {
  readonly document: T;
  /** The fields copied from the durable document: the only ones that may differ from it. */
  readonly copied = new Set<string>();
  private readonly view: T;
  /** The fields the change under way reached, each as it was before: DURABLE, or the JSON of an earlier change's copy. */
  private undo = new Map<string, string | undefined | typeof DURABLE>();

  constructor(
    private readonly durable: T,
    /** Each field of the durable document as JSON: parsing it copies the field faster than cloning it. */
    private readonly json: ReadonlyMap<string, string>,
  ) {
    this.document = { ...durable };
    const touch = (field: string | symbol) => {
      if (typeof field === "string") this.touch(field);
    };
    this.view = new Proxy(this.document, {
      get: (target, field, receiver) => (touch(field), Reflect.get(target, field, receiver)),
      set: (target, field, value, receiver) => (touch(field), Reflect.set(target, field, value, receiver)),
      deleteProperty: (target, field) => (touch(field), Reflect.deleteProperty(target, field)),
    });
  }

  /** Runs a change; when it throws, every field it reached is put back as it was, and the error goes on. */
  apply<R>(change: (data: T) => R): R {
    this.undo = new Map();
    try {
      return change(this.view);
    } catch (error) {
      for (const [field, before] of this.undo) this.restore(field, before);
      throw error;
    }
  }

  /** Copies a field the first time any change reaches it, keeping what the change under way may have to put back (internal helper). */
  private touch(field: string): void {
    const fields = this.document as Record<string, unknown>;
    if (!this.undo.has(field)) this.undo.set(field, this.copied.has(field) ? JSON.stringify(fields[field]) : DURABLE);
    if (this.copied.has(field)) return;
    this.copied.add(field);
    const json = this.json.get(field);
    if (json !== undefined) fields[field] = JSON.parse(json);
  }

  /** Puts a field back as it was before the change under way (internal helper). */
  private restore(field: string, before: string | undefined | typeof DURABLE): void {
    const fields = this.document as Record<string, unknown>;
    if (before === DURABLE) this.copied.delete(field);
    const value: unknown = before === DURABLE ? (this.durable as Record<string, unknown>)[field] : before === undefined ? undefined : JSON.parse(before);
    if (value === undefined) delete fields[field];
    else fields[field] = value;
  }
}

/**
 * The platform's state: one JSON document, held in memory and written as a
 * whole, atomically, after every change. A crash (kill -9 included) leaves
 * the last complete snapshot; a half-written file is never read back.
 *
 * Writes are group commits: a change that arrives while a write is under
 * way waits, and when that write is durable every change waiting is applied,
 * in order, and written together by the next one. A change is acknowledged
 * (its promise resolves) only once the write that holds it is durable, so
 * `kill -9` after an answer never loses it.
 */
export class JsonStore<T extends object> {
  /** The document as the file holds it: only a durable write replaces it. */
  private data: T;
  /** Each top-level field of `data` as JSON: a write serializes, and checks, only the fields a change reached. */
  private readonly fields = new Map<string, string>();
  private readonly waiting: Waiting<T>[] = [];
  private committing = false;

  constructor(
    private readonly file: string,
    private readonly shape: DocumentShape<T>,
  ) {
    const data = existsSync(file) ? this.load() : shape.initial();
    const checked = shape.check(data);
    if ("problem" in checked) throw new Error(`refusing to write ${file}: ${checked.problem}`);
    for (const [field, value] of Object.entries(data)) this.fields.set(field, JSON.stringify(value));
    // A file an older platform wrote is kept in today's shapes from now on.
    writeFileAtomic(file, this.text(data, new Map()), 0o600);
    this.data = data;
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

  /**
   * Reads without changing anything. A reader sees only durable state: a
   * change whose write is under way, and which may yet fail and be rolled
   * back, is not seen until it is written. Heroku's API is read-your-writes
   * for the caller, and holds here: a change is answered only once durable,
   * so whoever made it reads it on their next request.
   */
  read<R>(reader: (data: Readonly<T>) => R): R {
    return reader(this.data);
  }

  /**
   * Applies a change and persists it; resolves with what the change returns
   * once the write holding it is durable. The change works on a draft, which
   * replaces the document only once it is written: when the change throws (a
   * validation error, say), it alone is undone and refused; when the write
   * fails (a full disk, a document the platform could not read back), every
   * change of its group is rolled back and refused with that failure, and
   * nothing is changed, in memory or on disk.
   */
  mutate<R>(change: (data: T) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ change, resolve: resolve as (result: unknown) => void, reject });
      if (!this.committing) void this.commitWaiting();
    });
  }

  /** Resolves once every change asked for so far is written or refused: a change of nothing, queued behind them. */
  written(): Promise<void> {
    return this.mutate(() => undefined).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Writes the waiting changes, a group at a time, until none are left (internal helper). */
  private async commitWaiting(): Promise<void> {
    this.committing = true;
    while (this.waiting.length > 0) await this.commit(this.waiting.splice(0));
    this.committing = false;
  }

  /** Applies a group of changes, in order, to a draft and writes it; each is answered once it is durable, or refused (internal helper). */
  private async commit(group: readonly Waiting<T>[]): Promise<void> {
    const draft = new Draft(this.data, this.fields);
    const applied: { waiting: Waiting<T>; result: unknown }[] = [];
    for (const waiting of group) {
      try {
        // A copy: a later change of the group must not show in this one's answer.
        applied.push({ waiting, result: draft.apply((data) => structuredClone(waiting.change(data))) });
      } catch (error) {
        waiting.reject(error);
      }
    }
    try {
      const changed = this.changedFields(draft);
      if (changed.size > 0) {
        await writeFileAtomicAsync(this.file, this.text(draft.document, changed), 0o600);
        this.data = draft.document;
        for (const [field, json] of changed) this.fields.set(field, json);
      }
      for (const { waiting, result } of applied) waiting.resolve(result);
    } catch (error) {
      for (const { waiting } of applied) waiting.reject(error);
    }
  }

  /**
   * The fields of a draft that differ from the durable document, as JSON,
   * each checked: a field no change reached is the durable one, already
   * checked. Only a bug makes a record of the wrong shape: the group fails,
   * and the file keeps the last good document (internal helper).
   */
  private changedFields(draft: Draft<T>): Map<string, string> {
    const changed = new Map<string, string>();
    const fields = draft.document as Record<string, unknown>;
    for (const field of draft.copied) {
      const json = JSON.stringify(fields[field]) as string | undefined;
      if (json === this.fields.get(field)) continue;
      const problem = this.shape.checkField(field, fields[field]);
      if (problem !== undefined) throw new Error(`refusing to write ${this.file}: ${problem}`);
      changed.set(field, json as string);
    }
    return changed;
  }

  /** The file's text: JSON.stringify(data), from each field's JSON, new or as last written (internal helper). */
  private text(data: T, changed: ReadonlyMap<string, string>): string {
    return `{${Object.keys(data)
      .map((field) => `${JSON.stringify(field)}:${changed.get(field) ?? this.fields.get(field)}`)
      .join(",")}}`;
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
