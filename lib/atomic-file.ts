import { closeSync, fsyncSync, openSync, renameSync, writeSync, mkdirSync, unlinkSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";

/** A temporary file beside `path`, unique to this process and write (internal helper). */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Writes a file so that a reader (or a process restarted after kill -9) sees
 * either the old content or the new, never half of it: write a temporary file
 * beside the target, fsync it, rename it over the target, fsync the folder.
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = tempPath(path);
  const fd = openSync(tmp, "w", mode);
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  const dirFd = openSync(dir, "r");
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * `writeFileAtomic`'s steps without blocking: the same temporary file, fsync,
 * rename and folder fsync, each awaited, so the event loop serves other work
 * while the disk flushes. Resolves once the new content is durable; when a
 * step fails, the temporary file is removed and the target is left as it was.
 */
export async function writeFileAtomicAsync(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = tempPath(path);
  try {
    const file = await open(tmp, "w", mode);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const folder = await open(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
