/**
 * What a build reads from its source: the tar.gz's Procfile. Entries are
 * checked as Heroku's build system would refuse them: no absolute paths, no
 * `..`, no symbolic or hard links (they could point out of the tree). The
 * archive itself must be whole: gzip bytes that end early, headers that are
 * not tar headers and entries cut short fail the build, as extracting them
 * (`tar -xz`) fails on Heroku, instead of building from what could be read.
 *
 * A source is read as a stream (file → gunzip → tar, entry by entry) keeping
 * only what a build needs, the Procfile, and skipping the rest: a few hundred
 * KB of gzip can inflate to gigabytes (a gzip bomb), so nothing is ever held
 * whole, and reading stops once the source has inflated past MAX_INFLATED_BYTES.
 */
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { parseProcfile } from "../../vocabulary";
import { processTypes } from "./records";
import { firstProblem } from "./shape-problems";

export interface SourceReading {
  /** Process types and their commands, from the Procfile. */
  readonly processTypes: Record<string, string>;
  /** The tarball's size in bytes, as uploaded (compressed). */
  readonly size: number;
}

export class SourceError extends Error {}

/**
 * The most a source may inflate to: 500 MB, the figure of Heroku's bound on
 * what a build may yield ("Compiled slug size: 500.1M is too large (max is
 * 500M)"). Heroku states no bound on a source alone; here a build's slug is
 * its source, so a tree over 500 MB is refused: stricter than Heroku only for
 * such a tree whose slug would still fit, far beyond any app's source. A gzip
 * bomb (zeros compress ~1000×) is stopped after about a second of inflating.
 */
const MAX_INFLATED_BYTES = 500 * 1024 * 1024;

/** A Procfile is a few lines: one larger than this is refused rather than held in memory. */
const MAX_PROCFILE_BYTES = 1024 * 1024;

/** Linux's PATH_MAX: no longer name can be extracted, on a dyno or anywhere. */
const MAX_NAME_BYTES = 4096;

const BLOCK = 512;

/** Bytes handed on by gunzip at a time: larger than zlib's 16 KB default, four times fewer round trips to its thread. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/**
 * Whether a 512-byte block is a tar header: its checksum field holds the sum
 * of its bytes, the field itself counted as spaces (unsigned, or signed as
 * some old tars wrote it) (internal helper).
 */
function isHeader(block: Buffer): boolean {
  const stored = field(block, 148, 8).trim();
  if (!/^[0-7]+$/.test(stored)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const sum = Number.parseInt(stored, 8);
  return sum === unsigned || sum === signed;
}

/** An entry's size: octal digits, or base-256 when the first byte's high bit is set (internal helper). */
function entrySize(header: Buffer): number {
  if (header[124] & 0x80) return header.subarray(125, 136).reduce((n, b) => n * 256 + b, header[124] & 0x7f);
  const digits = field(header, 124, 12).trim();
  return digits === "" ? 0 : Number.parseInt(digits, 8);
}

/** Refuses an entry that could land outside the source tree once extracted (internal helper). */
function checkEntry(name: string, type: string): void {
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (name.startsWith("/") || parts.includes("..")) throw new SourceError(`refused ${name}: paths must stay inside the source tree`);
  if (type === "1" || type === "2") throw new SourceError(`refused ${name}: links are not allowed in a source tarball`);
}

/** The entry being read: what is left of it, and its content when the build needs it (internal helper). */
interface Entry {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** Content bytes not read yet. */
  contentLeft: number;
  /** Content and padding bytes not read yet. */
  left: number;
  /** Its content so far, for a long name or a Procfile; none for an entry skipped. */
  readonly kept?: Buffer[];
  /** Where a Procfile goes once read whole. */
  readonly candidate?: "root" | "nested";
}

/** A Procfile the build may take its process types from (internal helper). */
interface Candidate {
  readonly name: string;
  readonly size: number;
  /** None when larger than MAX_PROCFILE_BYTES. */
  readonly content?: Buffer;
}

/**
 * A tar archive read as it inflates, chunk by chunk: it checks every entry and
 * keeps only the Procfiles a build could use: `Procfile`, or `<folder>/Procfile`
 * when every file is under that one folder (a tarball of a directory) (internal helper).
 */
class TarScanner {
  private inflated = 0;
  private readonly header = Buffer.alloc(BLOCK);
  private headerBytes = 0;
  private entry: Entry | undefined;
  /** A GNU long name (type L), naming the entry after it. */
  private longName: string | undefined;
  /** Past the end-of-archive block: the rest is padding, read only to check the gzip stream. */
  private ended = false;
  /** The first file's top folder, and whether files sit under more than one. */
  private firstTop: string | undefined;
  private manyTops = false;
  private root: Candidate | undefined;
  private nested: Candidate | undefined;

  write(chunk: Buffer): void {
    this.inflated += chunk.length;
    if (this.inflated > MAX_INFLATED_BYTES) {
      const mb = MAX_INFLATED_BYTES / 1024 / 1024;
      throw new SourceError(`the source tarball is too large: it inflates to more than ${mb} MB (max is ${mb} MB)`);
    }
    let at = 0;
    while (at < chunk.length && !this.ended) at += this.entry ? this.readContent(this.entry, chunk.subarray(at)) : this.readHeader(chunk.subarray(at));
  }

  /** What the archive holds for a build, once it has all been read. */
  finish(): Record<string, string> {
    if (this.entry && this.entry.contentLeft > 0) throw new SourceError(`the source tarball is truncated: ${this.entry.name} ends early`);
    // Bytes left that do not make a whole header: the archive was cut inside one.
    if (!this.entry && this.header.subarray(0, this.headerBytes).some((b) => b !== 0)) {
      throw new SourceError("the source tarball is truncated: it ends inside an entry's header");
    }
    const procfile = this.root ?? (this.manyTops ? undefined : this.nested);
    if (!procfile) return {};
    if (!procfile.content) throw new SourceError(`refused ${procfile.name}: it is ${procfile.size} bytes, and a Procfile may be at most ${MAX_PROCFILE_BYTES} bytes`);
    return storableProcessTypes(procfile.name, parseProcfile(procfile.content.toString("utf8")));
  }

  private readHeader(bytes: Buffer): number {
    const taken = Math.min(BLOCK - this.headerBytes, bytes.length);
    bytes.copy(this.header, this.headerBytes, 0, taken);
    this.headerBytes += taken;
    if (this.headerBytes === BLOCK) {
      this.headerBytes = 0;
      this.begin(this.header);
    }
    return taken;
  }

  private begin(header: Buffer): void {
    if (header.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const size = entrySize(header);
    if (!isHeader(header) || !Number.isSafeInteger(size)) throw new SourceError("the source is gzipped but is not a tar archive");
    const type = field(header, 156, 1) || "0";
    const prefix = field(header, 345, 155);
    const name = this.longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    let kept: Buffer[] | undefined;
    let candidate: Entry["candidate"];
    if (type === "L") {
      if (size > MAX_NAME_BYTES) throw new SourceError(`refused an entry name of ${size} bytes: names are at most ${MAX_NAME_BYTES} bytes`);
      kept = [];
    } else if (type !== "x" && type !== "g") {
      this.longName = undefined;
      checkEntry(name, type);
      candidate = type === "0" ? this.procfileCandidate(name) : undefined;
      if (candidate && size <= MAX_PROCFILE_BYTES) kept = [];
    }
    this.entry = { name, type, size, contentLeft: size, left: Math.ceil(size / BLOCK) * BLOCK, kept, candidate };
    if (size === 0) this.complete(this.entry);
  }

  /** Notes a file's top folder; says whether it is a Procfile the build could use (internal helper). */
  private procfileCandidate(name: string): Entry["candidate"] {
    const path = name.replace(/^\.\//, "");
    const top = path.split("/")[0];
    if (this.firstTop === undefined) this.firstTop = top;
    else if (top !== this.firstTop) this.manyTops = true;
    if (path === "Procfile") return this.root ? undefined : "root";
    return !this.nested && !this.manyTops && path === `${this.firstTop}/Procfile` ? "nested" : undefined;
  }

  private readContent(entry: Entry, bytes: Buffer): number {
    const taken = Math.min(entry.left, bytes.length);
    const content = Math.min(entry.contentLeft, taken);
    // Copied: a slice would keep the whole inflated chunk alive.
    if (entry.kept && content > 0) entry.kept.push(Buffer.from(bytes.subarray(0, content)));
    entry.contentLeft -= content;
    entry.left -= taken;
    if (entry.left === 0) this.complete(entry);
    return taken;
  }

  private complete(entry: Entry): void {
    this.entry = undefined;
    const content = entry.kept && Buffer.concat(entry.kept);
    if (entry.type === "L") this.longName = content?.toString("utf8").replace(/\0+$/, "");
    else if (entry.candidate) this[entry.candidate] = { name: entry.name, size: entry.size, content };
  }
}

/** A gzip error, as the refusal it is; any other error is left as it is (internal helper). */
function gzipRefusal(error: unknown, size: number): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (!code.startsWith("Z_")) return error;
  if (size === 0) return new SourceError("the source is empty");
  if (code === "Z_BUF_ERROR") return new SourceError("the source tarball is truncated: its gzip stream ends early");
  return new SourceError("the source is not a gzipped tarball");
}

/** Reads a gzipped tarball as it streams in; a defect is a SourceError saying which. */
export async function readSource(tarball: Readable): Promise<SourceReading> {
  const scanner = new TarScanner();
  let size = 0;
  try {
    await pipeline(
      tarball,
      async function* counted(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          yield chunk;
        }
      },
      createGunzip({ chunkSize: INFLATE_CHUNK_BYTES }),
      async (tar: AsyncIterable<Buffer>) => {
        for await (const chunk of tar) scanner.write(chunk);
      },
    );
  } catch (error) {
    throw error instanceof SourceError ? error : gzipRefusal(error, size);
  }
  return { processTypes: scanner.finish(), size };
}

/** A Procfile's process types as a slug may keep them (records.ts), or the build fails saying which one is not (internal helper). */
function storableProcessTypes(file: string, types: Record<string, string>): Record<string, string> {
  const parsed = processTypes.safeParse(types, { reportInput: true });
  if (parsed.success) return parsed.data;
  const { where, what } = firstProblem(parsed.error.issues);
  throw new SourceError(`refused ${file}: ${where ? `process type ${where} ` : "it "}${what}`);
}
