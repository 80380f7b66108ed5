/**
 * What a build reads from its source: the tar.gz's Procfile. Entries are
 * checked as Heroku's build system would refuse them: no absolute paths, no
 * `..`, no symbolic or hard links (they could point out of the tree).
 */
import { gunzipSync } from "node:zlib";
import { procfileTypes } from "../../spec/load-environment";

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

/** The entries of a gzipped tarball: name, type flag and content (internal helper). */
function entries(tarball: Buffer): { name: string; type: string; data: Buffer }[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(tarball);
  } catch {
    throw new SourceError("the source is not a gzipped tarball");
  }
  const out: { name: string; type: string; data: Buffer }[] = [];
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1) || "0";
    const prefix = field(header, 345, 155);
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
  const text = procfile.data.toString("utf8");
  const processTypes: Record<string, string> = {};
  for (const type of procfileTypes(text)) {
    const line = text.split("\n").find((l) => l.trim().startsWith(`${type}:`)) ?? "";
    processTypes[type] = line.slice(line.indexOf(":") + 1).trim();
  }
  return { processTypes };
}
