import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * A process as files record it: its pid, and when it started. A pid alone
 * is not enough: once its process is gone the system gives the number to
 * another, and a lock or server file naming it would name that stranger.
 */
export interface ProcessRecord {
  readonly pid: number;
  /** When the process started, as `processStart` reads it; absent in files older platforms wrote. */
  readonly started?: string;
}

/** Another platform holds the data directory. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`data directory ${dir} is in use by the platform with pid ${pid}`);
  }
}

/**
 * When a process started: on Linux its boot and its start time in clock
 * ticks (/proc/<pid>/stat, field 22); elsewhere what `ps` says. Undefined when
 * there is no such process, or it has exited and awaits its parent (a zombie).
 */
export function processStart(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (existsSync("/proc/self/stat")) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
      const [state, ...fields] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") return undefined;
      return `${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}/${fields[18]}`;
    } catch {
      return undefined;
    }
  }
  try {
    return execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** This process, as files record it. */
export function thisProcess(): ProcessRecord {
  return { pid: process.pid, started: processStart(process.pid) };
}

/**
 * Whether the process a file names is still the one that wrote it: alive,
 * and started when it did. A file without a start time (an older platform's,
 * or one written where none can be read) is trusted on its pid.
 */
export function isRunning(record: ProcessRecord): boolean {
  return record.started === undefined ? isAlive(record.pid) : processStart(record.pid) === record.started;
}

/** The process a lock file names: JSON, or a bare pid as older platforms wrote it (internal helper). */
function readLock(file: string): ProcessRecord {
  const text = readFileSync(file, "utf8");
  try {
    const parsed = JSON.parse(text) as Partial<ProcessRecord>;
    return { pid: Number(parsed.pid), started: typeof parsed.started === "string" ? parsed.started : undefined };
  } catch {
    return { pid: Number(text) };
  }
}

/**
 * One platform per data directory: a lock file naming the owner (its pid and
 * start time), created exclusively. A lock whose process is gone (killed with
 * -9), or whose pid now belongs to another process, is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, "platform.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(thisProcess()));
      closeSync(fd);
      return () => unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readLock(file);
      if (isRunning(owner)) throw new DataDirInUseError(dir, owner.pid);
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
