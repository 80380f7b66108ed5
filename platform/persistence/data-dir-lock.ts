import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * One platform per data directory: a lock file holding the owner's pid,
 * created exclusively. A lock whose process is gone (killed with -9) is
 * taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, "platform.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(file, "utf8"));
      if (isAlive(owner)) throw new Error(`data directory ${dir} is in use by the platform with pid ${owner}`);
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}

/** Whether a process exists (internal helper). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
