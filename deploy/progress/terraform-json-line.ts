/**
 * Terraform's machine-readable UI (`terraform init|plan|apply|destroy -json`):
 * one JSON object a line, each with a human `@message` and a `type`. A line
 * becomes one event of what a stack's view needs — a planned change, the
 * change summary, a resource starting, finishing or failing, a diagnostic
 * with its resource address — or a plain message (version, refresh, outputs,
 * init output…) kept for the log. A line that is not such JSON (Terraform's
 * human output, a crash) is kept as text. Unknown fields and types are
 * ignored, as the UI format's minor versions ask.
 */

/** What Terraform does to a resource (`create`, `update`, `delete`, `replace`, `read`, `noop`…). */
export type ResourceAction = string;

/** The plan, apply or destroy counts of a `change_summary`. */
export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly remove: number;
}

export interface TerraformDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
  /** The resource instance it is about, when Terraform says (errors of an apply do). */
  readonly address?: string;
  /** Where in the configuration: the file and line, and that line's code. */
  readonly range?: { readonly filename: string; readonly line: number; readonly code?: string };
}

export type TerraformEvent =
  | { readonly kind: "planned-change"; readonly message: string; readonly address: string; readonly action: ResourceAction }
  | ({ readonly kind: "change-summary"; readonly message: string; readonly operation: "plan" | "apply" | "destroy" } & ChangeCounts)
  | { readonly kind: "resource-start" | "resource-complete" | "resource-errored"; readonly message: string; readonly address: string; readonly action: ResourceAction }
  | { readonly kind: "diagnostic"; readonly message: string; readonly diagnostic: TerraformDiagnostic }
  /** Any other message of the UI (version, refresh, drift, outputs, progress, init output): its human line. */
  | { readonly kind: "message"; readonly message: string }
  /** A line that is not the UI's JSON, as it came. */
  | { readonly kind: "text"; readonly message: string };

interface Hook {
  resource?: { addr?: unknown };
  action?: unknown;
}

const HOOKS: Record<string, "resource-start" | "resource-complete" | "resource-errored"> = {
  apply_start: "resource-start",
  apply_complete: "resource-complete",
  apply_errored: "resource-errored",
};

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** One line of Terraform's stdout as an event; never throws. */
export function parseTerraformJsonLine(line: string): TerraformEvent {
  const trimmed = line.trim();
  let json: Record<string, unknown> | undefined;
  if (trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === "object" && typeof (parsed as Record<string, unknown>).type === "string") json = parsed as Record<string, unknown>;
    } catch {
      // not JSON: kept as text
    }
  }
  if (!json) return { kind: "text", message: line };
  const message = text(json["@message"]);
  const type = json.type as string;
  if (type === "planned_change") {
    const change = (json.change ?? {}) as Hook;
    return { kind: "planned-change", message, address: text(change.resource?.addr), action: text(change.action) };
  }
  if (type === "change_summary") {
    const changes = (json.changes ?? {}) as Record<string, unknown>;
    const operation = changes.operation === "apply" || changes.operation === "destroy" ? changes.operation : "plan";
    return { kind: "change-summary", message, operation, add: count(changes.add), change: count(changes.change), remove: count(changes.remove) };
  }
  if (Object.hasOwn(HOOKS, type)) {
    const hook = (json.hook ?? {}) as Hook;
    return { kind: HOOKS[type], message, address: text(hook.resource?.addr), action: text(hook.action) };
  }
  if (type === "diagnostic" && json.diagnostic && typeof json.diagnostic === "object") {
    return { kind: "diagnostic", message, diagnostic: diagnostic(json.diagnostic as Record<string, unknown>) };
  }
  return { kind: "message", message };
}

/** A `diagnostic` object as the view keeps it (internal helper). */
function diagnostic(raw: Record<string, unknown>): TerraformDiagnostic {
  const range = raw.range as { filename?: unknown; start?: { line?: unknown } } | undefined;
  const snippet = raw.snippet as { code?: unknown } | undefined;
  return {
    severity: raw.severity === "warning" ? "warning" : "error",
    summary: text(raw.summary),
    detail: text(raw.detail),
    ...(text(raw.address) ? { address: text(raw.address) } : {}),
    ...(range && text(range.filename)
      ? { range: { filename: text(range.filename), line: count(range.start?.line), ...(text(snippet?.code) ? { code: text(snippet?.code) } : {}) } }
      : {}),
  };
}
