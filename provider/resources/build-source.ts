/**
 * A heroku_build's local source, as the real provider handles it (internal):
 * a directory is packed into a gzipped tarball under its own name and
 * identified by a "relaxed" checksum of its paths and file contents (so
 * timestamps do not matter); a tarball is identified by its SHA-256.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";

interface Entry {
  readonly name: string;
  readonly path: string;
  readonly directory: boolean;
  readonly mode: number;
}

/** Every entry under `root`, the root first, then each directory's children in name order. */
function walk(root: string): Entry[] {
  const base = basename(root);
  const out: Entry[] = [];
  const visit = (path: string, name: string) => {
    const stat = lstatSync(path);
    out.push({ name, path, directory: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) {
      for (const child of readdirSync(path).sort()) visit(join(path, child), `${name}/${child}`);
    }
  };
  visit(root, base);
  return out;
}

export function sourceChecksum(path: string): string {
  const hash = createHash("sha256");
  if (!lstatSync(path).isDirectory()) return `SHA256:${hash.update(readFileSync(path)).digest("hex")}`;
  for (const entry of walk(path)) {
    hash.update(entry.name + "\n");
    if (!entry.directory && lstatSync(entry.path).isFile()) hash.update(readFileSync(entry.path));
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
  for (const entry of walk(path)) {
    if (entry.directory) {
      parts.push(header(`${entry.name}/`, 0, entry.mode, "5"));
    } else if (lstatSync(entry.path).isFile()) {
      const data = readFileSync(entry.path);
      parts.push(header(entry.name, data.length, entry.mode, "0"), data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
