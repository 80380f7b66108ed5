/**
 * Where dynoform keeps what is local to this machine: `DYNOFORM_HOME`
 * (default `.dynoform` in the project, git-ignored) holds the embedded
 * platform's data and everything local deploys use. Tests point it at a
 * scratch folder; nothing here is read by deploys to real Heroku.
 */
import { join, resolve } from "node:path";

export interface LocalPaths {
  /** The embedded platform's data dir (its records, key, server.json). */
  readonly platform: string;
  /** Local deploys: secrets, the create journal, Terraform state, the provider mirror. */
  readonly local: string;
  readonly outDir: string;
  readonly state: string;
  readonly terraform: string;
  readonly journal: string;
}

export function localPaths(env: NodeJS.ProcessEnv = process.env): LocalPaths {
  const home = resolve(env.DYNOFORM_HOME ?? ".dynoform");
  const local = join(home, "local");
  return {
    platform: join(home, "platform"),
    local,
    outDir: join(local, "cdktf.out"),
    state: join(local, "state"),
    terraform: join(local, "terraform"),
    journal: join(local, "provider-journal.jsonl"),
  };
}

/**
 * The embedded platform's loopback port when none is given. It lives here,
 * below the platform, so that what only needs the port (every synth, through
 * the local paths) does not load the platform.
 */
export const DEFAULT_PLATFORM_PORT = 4510;

/** The embedded platform's port: `DYNOFORM_PLATFORM_PORT`, default 4510. */
export function platformPort(env: NodeJS.ProcessEnv = process.env): number {
  return env.DYNOFORM_PLATFORM_PORT === undefined ? DEFAULT_PLATFORM_PORT : Number(env.DYNOFORM_PLATFORM_PORT);
}
