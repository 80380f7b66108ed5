/**
 * One stack's state in a few words, as both views show it:
 * `applying 3/12 (14 s)`, `done: 3 added, 1 changed, 0 destroyed (20 s)`,
 * `failed: heroku_formation.worker (9 s)`.
 */
import type { ChangeCounts } from "./terraform-json-line";
import type { StackProgress, TerraformVerb } from "./stack-progress";

/** A duration as `14 s` or `2 m 05 s`. */
export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, "0")} s`;
}

/** What a plan would do or an apply or destroy did: `2 to add, 0 to change, 1 to destroy`, `3 added, 1 changed, 0 destroyed`, `5 destroyed`. */
export function countsText(verb: TerraformVerb | undefined, { add, change, remove }: ChangeCounts): string {
  if (verb === "plan") return `${add} to add, ${change} to change, ${remove} to destroy`;
  if (verb === "destroy") return `${remove} destroyed`;
  return `${add} added, ${change} changed, ${remove} destroyed`;
}

/** The state without its time; with `resource`, an apply names the resource in flight. */
export function statusText(stack: StackProgress, { resource }: { readonly resource: boolean }): string {
  switch (stack.phase) {
    case "applying": {
      const doing = `${stack.verb === "destroy" ? "destroying" : "applying"} ${stack.finished}/${stack.total}`;
      const [current, ...others] = [...stack.inFlight].reverse();
      if (!resource || !current) return doing;
      return `${doing} ${current}${others.length > 0 ? ` (+${others.length})` : ""}`;
    }
    case "done": {
      const counts = stack.verb === "plan" ? stack.planned : (stack.applied ?? stack.planned);
      return `${stack.verb === "plan" ? "planned" : "done"}: ${countsText(stack.verb, counts!)}`;
    }
    case "nothing-to-do":
      return "no changes";
    case "failed": {
      const [first, ...more] = stack.failures();
      const what = first?.address ?? (first ? first.summary : stack.reason);
      return what ? `failed: ${what}${more.length > 0 ? ` (+${more.length} more)` : ""}` : "failed";
    }
    default:
      return stack.phase;
  }
}

/** The state with the time it has taken: `applying 3/12 (14 s)`; a waiting stack has none. */
export function statusLine(stack: StackProgress, now: number, options: { readonly resource: boolean }): string {
  const text = statusText(stack, options);
  if (stack.startedAt === undefined) return text;
  return `${text} (${elapsed((stack.endedAt ?? now) - stack.startedAt)})`;
}
