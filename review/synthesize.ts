/**
 * Synthesizes a project checkout into a folder of its own, and does so for a
 * git ref through a temporary worktree, so a review compares two trees
 * without touching `cdktf.out` or the user's checkout.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../lib/user-error";
import { readSynthesizedTree } from "../deploy/synthesized-tree";
import type { TreeStack } from "./from-trees";

/**
 * Runs the project's cdktf app (the `app` command of its cdktf.json) with
 * CDKTF_OUTDIR pointing at `outDir` — what `cdktf synth` itself does — and
 * reads the stacks it wrote.
 */
export function synthesizeProject(projectDir: string, outDir: string): TreeStack[] {
  const configFile = join(projectDir, "cdktf.json");
  if (!existsSync(configFile)) throw new UserError(`${projectDir} has no cdktf.json to synthesize`);
  const { app } = JSON.parse(readFileSync(configFile, "utf8")) as { app?: string };
  if (!app) throw new UserError(`${configFile} names no "app" command`);
  const result = spawnSync(app, {
    cwd: projectDir,
    shell: true,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outDir, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) {
    throw new UserError(`synth of ${projectDir} failed (exit ${result.status}): ${(result.stderr || result.stdout || "").trim().split("\n").slice(-5).join(" / ")}`);
  }
  if (!existsSync(join(outDir, "manifest.json"))) throw new UserError(`synth of ${projectDir} wrote no manifest.json to ${outDir}`);
  return readSynthesizedTree(outDir);
}

/** The project synthesized into a scratch folder, read and removed again: its tree as the code describes it now. */
export function synthesizeProjectTree(projectDir: string): TreeStack[] {
  const scratch = mkdtempSync(join(tmpdir(), "dynoform-synth-"));
  try {
    return synthesizeProject(projectDir, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Checks `ref` out into a temporary worktree, synthesizes it there and
 * removes the worktree again, whatever happens. The worktree borrows the
 * checkout's node_modules and generated bindings, which git does not track.
 */
export function synthesizeRef(projectDir: string, ref: string): TreeStack[] {
  const scratch = mkdtempSync(join(tmpdir(), "dynoform-review-"));
  const worktree = join(scratch, "base");
  const git = (...args: string[]): string => execFileSync("git", ["-C", projectDir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  try {
    git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
    throw new UserError(`--base ${ref}: no such commit in the repository of ${projectDir}`);
  }
  // The project may sit in a subfolder of its repository: synthesize the same subfolder.
  const prefix = git("rev-parse", "--show-prefix").trim();
  git("worktree", "add", "--detach", "--quiet", worktree, ref);
  try {
    const project = join(worktree, prefix);
    for (const untracked of ["node_modules", ".gen"]) {
      if (existsSync(join(projectDir, untracked)) && !existsSync(join(project, untracked))) {
        symlinkSync(join(projectDir, untracked), join(project, untracked), "dir");
      }
    }
    return synthesizeProject(project, join(scratch, "out"));
  } finally {
    git("worktree", "remove", "--force", worktree);
    rmSync(scratch, { recursive: true, force: true });
  }
}
