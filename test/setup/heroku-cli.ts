/**
 * vitest global setup: the official heroku CLI, pinned in test/heroku-cli,
 * is installed here when it is missing, so `npm ci` then `npm test` is all
 * a fresh clone needs. It installs from the registry npm is configured for.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const HEROKU_CLI_DIR = join(__dirname, "..", "heroku-cli");
export const HEROKU_CLI = join(HEROKU_CLI_DIR, "node_modules", ".bin", "heroku");

export default function installHerokuCli(): void {
  if (existsSync(HEROKU_CLI)) return;
  console.log("installing the pinned heroku CLI into test/heroku-cli (once) …");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["ci", "--prefix", HEROKU_CLI_DIR, "--no-audit", "--no-fund"], { stdio: "inherit" });
}
