/**
 * A heroku_build's local source, as the real provider handles it (internal):
 * a directory is packed into a gzipped tarball under its own name and
 * identified by a "relaxed" checksum of its paths and file contents (so
 * timestamps do not matter); a tarball is identified by its SHA-256.
 *
 * Links are read as lib/source-tree.ts reads them, unlike the real provider
 * (v5.3.2 packs every link as a link to its own name, which Heroku's build
 * then cannot read): one inside the directory packs what it names, one
 * leading out of it or round in a loop fails the plan, naming it.
 */
import { createHash } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { sourceTree, SourceTreeError, type SourceEntry } from "../../lib/source-tree";
import { ProviderError } from "../engine/diagnostics";

/** The directory's entries; a link it must not follow is an error on `source.path` (internal helper). */
function entriesOf(path: string): SourceEntry[] {
  try {
    return sourceTree(path);
  } catch (error) {
    if (error instanceof SourceTreeError) throw new ProviderError(`Error reading build source path ${path}: ${error.message}`, undefined, ["source", 0, "path"]);
    throw error;
  }
}

export function sourceChecksum(path: string): string {
  const hash = createHash("sha256");
  if (!lstatSync(path).isDirectory()) return `SHA256:${hash.update(readFileSync(path)).digest("hex")}`;
  for (const entry of entriesOf(path)) {
    hash.update(entry.name + "\n");
    if (entry.type === "file") hash.update(readFileSync(entry.path));
  }
  return `SHA256:${hash.digest("hex")}`;
}

/** A ustar header block (internal helper). */
function header(name: string, size: number, mode: number, type: "0" | "5"): Buffer {
  const block = Buffer.alloc(512);
  const put = (offset: number, length: number, value: string) => block.write(value.slice(0, length), offset, "utf8");
  const octal = (offset: number, length: number, value: number) => put(offset, length, value.toString(8).padStart(length - 1, "0") + "\0");
  if (Buffer.byteLength(name) > 100) {
    // ustar splits a long path into a prefix (155 bytes) and a name (100 bytes) at a slash.
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`path too long for a source tarball: ${name}`);
    put(345, 155, name.slice(0, cut));
    put(0, 100, name.slice(cut + 1));
  } else put(0, 100, name);
  octal(100, 8, mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  block.fill(" ", 148, 156);
  put(156, 1, type);
  put(257, 6, "ustar\0");
  put(263, 2, "00");
  let sum = 0;
  for (const byte of block) sum += byte;
  put(148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return block;
}

/** A directory as a gzipped tarball whose entries start with the directory's name; only files and directories. */
export function directoryTarball(path: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entriesOf(path)) {
    if (entry.type === "directory") {
      parts.push(header(`${entry.name}/`, 0, entry.mode, "5"));
    } else if (entry.type === "file") {
      const data = readFileSync(entry.path);
      parts.push(header(entry.name, data.length, entry.mode, "0"), data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
