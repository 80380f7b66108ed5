/**
 * What a build reads from its source: the tar.gz's Procfile. Entries are
 * checked as Heroku's build system would refuse them: no absolute paths, no
 * `..`, no symbolic or hard links (they could point out of the tree). The
 * archive itself must be whole: gzip bytes that end early, headers that are
 * not tar headers and entries cut short fail the build, as extracting them
 * (`tar -xz`) fails on Heroku, instead of building from what could be read.
 */
import { gunzipSync } from "node:zlib";
import { parseProcfile } from "../../vocabulary";

export interface SourceReading {
  /** Process types and their commands, from the Procfile. */
  readonly processTypes: Record<string, string>;
}

export class SourceError extends Error {}

const BLOCK = 512;

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

/** The tar inside the gzip stream; a stream that ends early is a truncated upload (internal helper). */
function gunzipped(tarball: Buffer): Buffer {
  if (tarball.length === 0) throw new SourceError("the source is empty");
  try {
    return gunzipSync(tarball);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "Z_BUF_ERROR") throw new SourceError("the source tarball is truncated: its gzip stream ends early");
    throw new SourceError("the source is not a gzipped tarball");
  }
}

/** The entries of a gzipped tarball: name, type flag and content (internal helper). */
function entries(tarball: Buffer): { name: string; type: string; data: Buffer }[] {
  const tar = gunzipped(tarball);
  const out: { name: string; type: string; data: Buffer }[] = [];
  let longName: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!isHeader(header)) throw new SourceError("the source is gzipped but is not a tar archive");
    const size = entrySize(header);
    const type = field(header, 156, 1) || "0";
    const prefix = field(header, 345, 155);
    if (offset + BLOCK + size > tar.length) {
      throw new SourceError(`the source tarball is truncated: ${longName ?? field(header, 0, 100)} ends early`);
    }
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = data.toString("utf8").replace(/\0+$/, "");
      continue;
    }
    if (type === "x" || type === "g") continue;
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    out.push({ name, type, data });
  }
  // Bytes left that do not make a whole header: the archive was cut inside one.
  if (offset < tar.length && tar.length - offset < BLOCK && tar.subarray(offset).some((b) => b !== 0)) {
    throw new SourceError("the source tarball is truncated: it ends inside an entry's header");
  }
  return out;
}

export function readSource(tarball: Buffer): SourceReading {
  const all = entries(tarball);
  for (const entry of all) {
    const parts = entry.name.split("/").filter((p) => p !== "" && p !== ".");
    if (entry.name.startsWith("/") || parts.includes("..")) throw new SourceError(`refused ${entry.name}: paths must stay inside the source tree`);
    if (entry.type === "1" || entry.type === "2") throw new SourceError(`refused ${entry.name}: links are not allowed in a source tarball`);
  }
  const files = all.filter((e) => e.type === "0" || e.type === "\0");
  const normalized = files.map((f) => ({ ...f, path: f.name.replace(/^\.\//, "") }));
  // The Procfile is at the root, or under the one folder everything is in (a tarball of a directory).
  const tops = new Set(normalized.map((f) => f.path.split("/")[0]));
  const procfile =
    normalized.find((f) => f.path === "Procfile") ??
    (tops.size === 1 ? normalized.find((f) => f.path === `${[...tops][0]}/Procfile`) : undefined);
  if (!procfile) return { processTypes: {} };
  return { processTypes: parseProcfile(procfile.data.toString("utf8")) };
}
