/**
 * vitest global setup: one temporary folder for the whole run. Tests make
 * their folders with mkdtemp under os.tmpdir(), and Terraform, go-plugin
 * and the data servers put their sockets and files under TMPDIR too; pointing
 * TMPDIR here before the workers start, and removing the folder when the run
 * ends, is what lets `npm test` leave nothing behind in /tmp — a few hundred
 * folders a run otherwise, whatever a test forgets or a failure skips.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function useRunTempDir(): () => void {
  const before = process.env.TMPDIR;
  const runDir = mkdtempSync(join(tmpdir(), "dynoform-test-"));
  // Passable by other users as /tmp is (not listable): under root, the data
  // servers run as system users that must reach the tests' folders.
  chmodSync(runDir, 0o711);
  process.env.TMPDIR = runDir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    // A provider may still be exiting (it stops within a second of its run).
    rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
}
