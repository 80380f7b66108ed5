/**
 * A stack's log: everything its Terraform commands printed, as Terraform's
 * human output shows it (each JSON message's own line, diagnostics in their
 * boxes, stderr as it came), in `<logDir>/<stack>.log`, readable by this user
 * alone (0600, in a 0700 folder). Each run of the stack starts it anew.
 */
import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface StackLog {
  write(lines: readonly string[]): void;
  close(): void;
}

/** Where a stack's log goes: `<logDir>/<stack>.log`, the name kept to letters, digits, `.`, `_` and `-`. */
export function stackLogPath(logDir: string, stack: string): string {
  return join(logDir, `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}.log`);
}

export function openStackLog(logDir: string, stack: string): StackLog {
  mkdirSync(logDir, { recursive: true, mode: 0o700 });
  const path = stackLogPath(logDir, stack);
  const fd = openSync(path, "w", 0o600);
  // A log left by an earlier run keeps its mode through "w": made 0600 again.
  fchmodSync(fd, 0o600);
  let open = true;
  return {
    write(lines) {
      if (open && lines.length > 0) writeSync(fd, lines.map((line) => `${line}\n`).join(""));
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
