/**
 * Test harness (internal): the pinned official heroku CLI (test/heroku-cli,
 * installed by the global setup when missing) pointed at an embedded
 * platform, with a scratch HOME (the CLI writes a git credential helper into
 * the global gitconfig).
 */
import { execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { herokuCliEnv } from "../../lib/heroku-cli-env";
import { startPlatform, type RunningPlatform } from "../../platform";
import { HEROKU_CLI } from "../setup/heroku-cli";

export interface HerokuCli {
  /** Runs `heroku ARGS…` and gives what it printed; rejects when it exits non-zero. */
  heroku(...args: string[]): Promise<string>;
  /** The same, with stderr too (where the CLI prints warnings and progress). */
  herokuOutput(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Starts `heroku ARGS…` that runs until killed (`logs --tail`). */
  start(...args: string[]): ChildProcess;
}

/** The CLI pointed at `platform`. */
export function herokuCli(platform: { url: string; apiKey: string }): HerokuCli {
  const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "dynoform-cli-home-")), ...herokuCliEnv(platform.url, platform.apiKey) };
  const herokuOutput = (...args: string[]) => promisify(execFile)(HEROKU_CLI, args, { env, encoding: "utf8" });
  return {
    herokuOutput,
    heroku: async (...args) => (await herokuOutput(...args)).stdout,
    start: (...args) => execFile(HEROKU_CLI, args, { env, encoding: "utf8" }),
  };
}

/** The CLI on a platform with no delays, started before the file's tests and closed after them; `platform` is set once they start. */
export function herokuCliOnPlatform(): HerokuCli & { platform: RunningPlatform } {
  let cli: HerokuCli | undefined;
  const session = {
    platform: undefined as unknown as RunningPlatform,
    heroku: (...args: string[]) => cli!.heroku(...args),
    herokuOutput: (...args: string[]) => cli!.herokuOutput(...args),
    start: (...args: string[]) => cli!.start(...args),
  };
  beforeAll(async () => {
    session.platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), "dynoform-cli-platform-")), port: 0, delays: { buildMs: 0, provisionMs: 0, promotionMs: 0 } });
    cli = herokuCli(session.platform);
  });
  afterAll(async () => {
    await session.platform?.close();
  });
  return session;
}
