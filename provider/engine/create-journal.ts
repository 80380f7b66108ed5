/**
 * The create journal: how a crash mid-apply is recovered with no orphan and
 * no duplicate. When a create makes something on the platform, its id is
 * appended here under a hash of the resource's configuration. Terraform
 * reads every resource it has in state before it plans, and each read
 * acknowledges the id. So at apply time, an entry never acknowledged is an
 * object Terraform lost (the provider or Terraform was killed before the
 * state was saved); when Terraform asks to create the same configuration
 * again, the engine adopts that object instead of making a second one.
 *
 * A create whose response never arrived (a dropped connection, a 5xx after
 * the platform acted) leaves only its intent; the resource type can then
 * look for what was made since (an app by name, a domain by hostname).
 *
 * Append-only JSON lines, one `write` each, so concurrent provider processes
 * never interleave; only hashes and ids are written, never values.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { isUnknown, type ObjectValue, type Value } from "../protocol/cty";

type Entry =
  | { intent: string; type: string; at: string }
  | { created: string; type: string; key: string }
  | { acknowledged: string }
  | { deleted: string };

export class CreateJournal {
  constructor(private readonly file: string) {}

  /** The journal key of a planned create: its type and configured values, hashed. */
  static key(typeName: string, planned: ObjectValue, configured: readonly string[]): string {
    const picked = Object.fromEntries(configured.map((name) => [name, stripUnknown(planned[name] ?? null)]));
    return createHash("sha256").update(typeName).update(JSON.stringify(picked)).digest("hex");
  }

  /** Written before a create is sent. */
  intent(typeName: string, key: string): void {
    this.append({ intent: key, type: typeName, at: new Date().toISOString() });
  }

  /** When the last create of this configuration was sent without its object ever being recorded. */
  unfinishedIntent(typeName: string, key: string): Date | undefined {
    let since: string | undefined;
    for (const entry of this.entries()) {
      if ("intent" in entry && entry.intent === key && entry.type === typeName) since = entry.at;
      if ("created" in entry && entry.key === key && entry.type === typeName) since = undefined;
    }
    return since === undefined ? undefined : new Date(since);
  }

  created(typeName: string, key: string, id: string): void {
    this.append({ created: id, type: typeName, key });
  }

  acknowledged(id: string): void {
    if (this.orphans().some((e) => e.id === id)) this.append({ acknowledged: id });
  }

  deleted(id: string): void {
    this.append({ deleted: id });
  }

  /** Creates Terraform never acknowledged, newest last. */
  orphans(): { id: string; type: string; key: string }[] {
    const open = new Map<string, { id: string; type: string; key: string }>();
    for (const entry of this.entries()) {
      if ("created" in entry) open.set(entry.created, { id: entry.created, type: entry.type, key: entry.key });
      else if ("acknowledged" in entry) open.delete(entry.acknowledged);
      else if ("deleted" in entry) open.delete(entry.deleted);
    }
    return [...open.values()];
  }

  private entries(): Entry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Entry);
  }

  private append(entry: Entry): void {
    appendFileSync(this.file, JSON.stringify(entry) + "\n", { mode: 0o600 });
  }
}

function stripUnknown(value: Value): Value {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(stripUnknown);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripUnknown(v)]));
  return value;
}
