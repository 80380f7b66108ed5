/**
 * Who runs a data server. PostgreSQL refuses to run as root and Redis
 * advises against it: when the platform runs as root, its servers run as an
 * unprivileged system user (the one the server's package made, else
 * `nobody`), which owns their folders; otherwise as the platform's own user.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname } from "node:path";
import { promisify } from "node:util";

export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Whether the platform runs as root and so runs the server as this other user. */
  readonly switched: boolean;
}

/** The uid and gid of a system user, or undefined when there is none (internal helper). */
function idsOf(name: string): { uid: number; gid: number } | undefined {
  try {
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, name], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim()));
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** The user a server runs as: the platform's own, or under root the first of `systemUsers` that exists, else `nobody`. */
export function serverUser(systemUsers: readonly string[]): ServerUser {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username, uid: me.uid, gid: me.gid, switched: false };
  for (const name of [...systemUsers, "nobody"]) {
    const ids = idsOf(name);
    if (ids) return { name, ...ids, switched: true };
  }
  throw new Error(`no unprivileged system user to run a data server as (looked for ${[...systemUsers, "nobody"].join(", ")})`);
}

/** Runs a program as the server's user; resolves with its output, rejects with its stderr's last lines. */
export async function runAs(user: ServerUser, file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const [command, argv] = user.switched ? ["runuser", ["-u", user.name, "--", "env", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), file, ...args]] : [file, [...args]];
  try {
    const { stdout } = await promisify(execFile)(command, argv, { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${file.split("/").pop()} failed: ${(stderr || message).trim().split("\n").slice(-3).join(" ")}`);
  }
}

/** Hands a file or folder the platform made to the server's user (nothing to do when that is the platform's own). */
export function giveTo(user: ServerUser, path: string): void {
  if (user.switched) chownSync(path, user.uid, user.gid);
}

/**
 * The first folder on the way to `path` that the server's user may not pass
 * through, or undefined when it reaches it: a server run as another user
 * cannot use a data folder inside a private one (a 0700 home or temp folder).
 */
export function closedFolderOnTheWay(user: ServerUser, path: string): string | undefined {
  if (!user.switched) return undefined;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const { mode, uid, gid } = statSync(dir);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
