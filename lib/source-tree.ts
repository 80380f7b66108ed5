/**
 * A build source directory as it is built: every entry under it, reading
 * through a symbolic link only while it stays inside the directory. A link is
 * the one way a directory names what is not in it: followed blindly (as
 * cdktf's asset copy follows it), a link to `~/.ssh/id_rsa` would be copied
 * into the synthesized stack and uploaded to Heroku, and a link to a parent
 * would recurse until the process crashed. A link inside the directory reads
 * as what it names, which is what the asset copy makes of it anyway.
 * The environment files, AppSource and the local provider all read sources
 * through here, so each refuses the same links in the same words.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, join, relative, sep } from "node:path";

export interface SourceEntry {
  /** The name in the build: the directory's own name, then `/`-joined names below it. */
  readonly name: string;
  /** Where its content is read: the entry itself, or what a link inside the directory names. */
  readonly path: string;
  readonly type: "directory" | "file" | "other";
  /** Permission bits (of what a link names, for a link). */
  readonly mode: number;
}

/** A source directory that cannot be built as it stands; the message names the link. */
export class SourceTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceTreeError";
  }
}

/** How a path reads in a message: relative to the working directory, as the user typed it (internal helper). */
const shown = (path: string) => JSON.stringify(relative(process.cwd(), path) || ".");

/**
 * Every entry under `root`, the root first, then each directory's children
 * in name order.
 * @throws SourceTreeError for a link leading out of `root`, a link loop, or a link to nothing
 */
export function sourceTree(root: string): SourceEntry[] {
  const top = realpathSync(root);
  const entries: SourceEntry[] = [];
  // `real` is where the entry is on disk; `ancestors` the real directories the walk is inside.
  const visit = (path: string, real: string, name: string, ancestors: readonly string[]) => {
    let stat: Stats = lstatSync(real);
    if (stat.isSymbolicLink()) {
      real = linkTarget(path, real, top, root);
      stat = statSync(real);
      if (stat.isDirectory() && ancestors.includes(real)) {
        throw new SourceTreeError(`${shown(path)} links to ${JSON.stringify(readlinkSync(path))}, a directory it is in: a link loop`);
      }
    }
    const type = stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "other";
    entries.push({ name, path: real, type, mode: stat.mode & 0o777 });
    if (type !== "directory") return;
    for (const child of readdirSync(real).sort()) visit(join(path, child), join(real, child), `${name}/${child}`, [...ancestors, real]);
  };
  visit(root, top, basename(root), []);
  return entries;
}

/** Where a link inside the source leads, when that is inside it too (internal helper). */
function linkTarget(path: string, real: string, top: string, root: string): string {
  const written = JSON.stringify(readlinkSync(real));
  let target: string;
  try {
    target = realpathSync(real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new SourceTreeError(`${shown(path)} links to ${written}, which leads back to itself: a link loop`);
    if (code === "ENOENT") throw new SourceTreeError(`${shown(path)} links to ${written}, which does not exist`);
    throw error;
  }
  if (target !== top && !target.startsWith(top + sep)) {
    throw new SourceTreeError(
      `${shown(path)} links to ${written}, outside the build source ${shown(root)}: a source is read without following links out of it; copy what it needs inside`,
    );
  }
  return target;
}
