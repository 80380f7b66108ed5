/**
 * The folders dynoform keeps a platform's data in (its home, the data folder,
 * the data servers' folder) are closed to other users: 0700. Under root they
 * are 0711 instead: the data servers then run as system users (PostgreSQL
 * refuses root), which must pass through them, though never list them; every
 * file the platform keeps in them is 0600 on its own.
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname } from "node:path";

export const PRIVATE_FOLDER_MODE = userInfo().uid === 0 ? 0o711 : 0o700;

/**
 * Makes `path` a private folder, with the parents it lacks, and gives it that
 * mode if it exists. Each folder made is set explicitly: a deploy runs under
 * umask 077, which would take the 0711 away from what mkdir makes.
 */
export function makePrivateFolder(path: string): void {
  const made: string[] = [];
  for (let dir = path; !existsSync(dir); dir = dirname(dir)) made.push(dir);
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  for (const dir of made.length > 0 ? made : [path]) chmodSync(dir, PRIVATE_FOLDER_MODE);
}
