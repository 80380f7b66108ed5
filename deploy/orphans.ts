/**
 * Orphaned stacks: state a target still holds for a stack the code no longer
 * synthesizes. cdktf only runs the stacks of the synthesized tree, so what
 * such a stack deployed keeps running and billing, unmanaged. Deploys name
 * them, and destroy them only when asked to (`--destroy-orphans`).
 */
import { App } from "cdktf";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { DeployTarget, DynoformStack } from "../constructs";
import type { SynthesizedStack } from "./secrets";
import { destroyStack } from "./plan-files";
import { ensureInit, stackDir, type TerraformSession } from "./terraform-runner";

export interface OrphanedStack {
  readonly name: string;
  readonly stateFile: string;
  /** Managed resource addresses in its state (`heroku_app.app`). */
  readonly resources: readonly string[];
  /** The names of its apps. */
  readonly apps: readonly string[];
}

/** The parts of a Terraform state file (format 4) read here. */
interface StateFile {
  resources?: Array<{ mode: string; type: string; name: string; instances?: Array<{ attributes?: { name?: unknown } }> }>;
}

/**
 * Where this target keeps each stack's state, read off a synthesized stack's
 * local backend (`<dir>/<prefix><stack><suffix>`: `terraform.production.tfstate`
 * in the project for Heroku, `production.tfstate` in the local state folder),
 * so the naming lives where the backend is configured, not here too (internal helper).
 */
function stateNaming(stacks: readonly SynthesizedStack[]): { dir: string; stackOf(file: string): string | undefined } | undefined {
  const stack = stacks.find((s) => s.json.terraform?.backend?.local?.path);
  if (!stack) return undefined;
  const path = stack.json.terraform?.backend?.local?.path as string;
  const file = basename(path);
  const at = file.lastIndexOf(stack.name);
  const [prefix, suffix] = [file.slice(0, at), file.slice(at + stack.name.length)];
  return {
    dir: dirname(path),
    stackOf: (f) => (f.length > prefix.length + suffix.length && f.startsWith(prefix) && f.endsWith(suffix) ? f.slice(prefix.length, f.length - suffix.length) : undefined),
  };
}

/** Stacks whose state holds resources although the tree no longer has them. */
export function findOrphanedStacks(synthesized: readonly SynthesizedStack[]): OrphanedStack[] {
  const naming = stateNaming(synthesized);
  if (!naming || !existsSync(naming.dir)) return [];
  const known = new Set(synthesized.map((s) => s.name));
  const orphans: OrphanedStack[] = [];
  for (const file of readdirSync(naming.dir).sort()) {
    const name = naming.stackOf(file);
    if (name === undefined || known.has(name)) continue;
    const stateFile = join(naming.dir, file);
    const text = readFileSync(stateFile, "utf8");
    // Terraform creates an empty file when it takes its lock: no state yet.
    const managed = ((text.trim() ? (JSON.parse(text) as StateFile) : {}).resources ?? []).filter((r) => r.mode === "managed");
    if (managed.length === 0) continue;
    const apps = managed
      .filter((r) => r.type === "heroku_app")
      .flatMap((r) => (r.instances ?? []).map((i) => i.attributes?.name))
      .filter((n): n is string => typeof n === "string");
    orphans.push({ name, stateFile, resources: managed.map((r) => `${r.type}.${r.name}`), apps });
  }
  return orphans;
}

/** `11 resources (app flask-demo-production)`. */
export function orphanContents(orphan: OrphanedStack): string {
  const apps = orphan.apps.length > 0 ? ` (app ${orphan.apps.join(", ")})` : "";
  return `${orphan.resources.length} resource${orphan.resources.length === 1 ? "" : "s"}${apps}`;
}

/** One line for the deploy's output: what is left running and how to destroy it. */
export function describeOrphan(orphan: OrphanedStack, target: DeployTarget): string {
  return (
    `orphaned stack ${orphan.name}: no longer in the code, but its state (${orphan.stateFile}) holds ${orphanContents(orphan)} ` +
    `that keep running and billing, unmanaged; \`npx dynoform deploy --target ${target.kind} --destroy-orphans\` destroys them`
  );
}

/**
 * Destroys everything an orphan's state holds. Its code is gone, so the
 * configuration is a stack of the same name with no resources: the provider
 * and backend the target gives every stack, pointed at the state file found.
 * Terraform then destroys all of it, protections of the removed code included.
 */
export async function destroyOrphan(orphan: OrphanedStack, target: DeployTarget, workDir: string, session: TerraformSession): Promise<void> {
  const app = new App({ outdir: workDir });
  const stack = new DynoformStack(app, orphan.name, { target });
  stack.addOverride("terraform.backend", { local: { path: orphan.stateFile } });
  app.synth();
  const dir = stackDir(workDir, orphan.name);
  await ensureInit(session, { name: orphan.name, json: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) }, dir);
  await destroyStack(session, { stack: orphan.name, dir });
}
