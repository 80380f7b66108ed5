/**
 * The folder relative paths in a configuration (a build's `source.path`, a
 * slug's `file_path`) are relative to: Terraform's working directory. A
 * provider Terraform starts has it as its own; one process serving several
 * stacks at once (a reattached provider, see server/serve.ts) serves each
 * stack's folder on a socket of its own and runs that socket's RPCs in
 * `workingDirectory`, so each resolves against its own stack.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { resolve } from "node:path";

export const workingDirectory = new AsyncLocalStorage<string>();

/** `path` from the configuration, as a path this process can open. */
export function localPath(path: string): string {
  const dir = workingDirectory.getStore();
  return dir === undefined ? path : resolve(dir, path);
}
