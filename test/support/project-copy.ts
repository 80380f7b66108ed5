/**
 * Test helper (internal): the project as a user clones it, in a scratch
 * folder — its tracked and new files (no local data, nothing git-ignored),
 * the installed node_modules (linked) and generated bindings (copied), and a
 * git repo of its own with one commit. Each copy runs its own code: the CLI
 * and cdktf resolve the project from where `bin/dynoform.js` lives.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..");

export function copyProject(prefix = "dynoform-copy-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => f !== "" && existsSync(join(ROOT, f)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  cpSync(join(ROOT, ".gen"), join(dir, ".gen"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.email=copy@example.com", "-c", "user.name=copy", "commit", "-q", "-m", "clone");
  return dir;
}
