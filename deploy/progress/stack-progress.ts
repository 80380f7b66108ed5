/**
 * Where one stack's run stands, from the events of its Terraform commands:
 * waiting, initializing, planning, applying i/N (the resource in flight),
 * done (what was added, changed, destroyed — or would be, for a plan),
 * nothing to do, or failed (the resources and Terraform's errors). It keeps
 * when the stack started and ended, on the clock it is given.
 */
import type { ChangeCounts, ResourceAction, TerraformDiagnostic, TerraformEvent } from "./terraform-json-line";

export type TerraformVerb = "init" | "plan" | "apply" | "destroy";

export type StackPhase = "waiting" | "initializing" | "planning" | "applying" | "done" | "nothing-to-do" | "failed";

/** One error of a failed stack: Terraform's diagnostic, with the resource it is about when known. */
export type StackFailure = Pick<TerraformDiagnostic, "summary" | "detail" | "address">;

/** Actions that count as one step of an apply's i/N (a replace is a delete and a create, each counted). */
const COUNTED = new Set(["create", "update", "delete"]);

export class StackProgress {
  phase: StackPhase = "waiting";
  verb?: TerraformVerb;
  startedAt?: number;
  endedAt?: number;
  /** What the plan (of a plan, apply or destroy) counted. */
  planned?: ChangeCounts;
  /** What the apply or destroy reports it did. */
  applied?: ChangeCounts;
  /** Each resource the plan changes, with what it does to it (`create`, `update`, `replace`, `delete`), in the plan's order. */
  readonly changes: { readonly address: string; readonly action: ResourceAction }[] = [];
  /** Resource changes finished (or failed) of the `planned` total. */
  finished = 0;
  /** Resources being changed now, oldest first. */
  readonly inFlight: string[] = [];
  /** Resources whose change failed. */
  readonly failedResources: string[] = [];
  readonly errors: StackFailure[] = [];
  readonly warnings: string[] = [];
  /** The runner's own word on a failure (the provider died, a lock is held, an interrupt). */
  reason?: string;

  constructor(readonly name: string) {}

  /** The N of applying i/N: every change the plan counted. */
  get total(): number {
    return this.planned ? this.planned.add + this.planned.change + this.planned.remove : 0;
  }

  /** A Terraform command of the stack starts. */
  start(verb: TerraformVerb, now: number): void {
    this.verb = verb;
    this.startedAt ??= now;
    this.phase = verb === "init" ? "initializing" : "planning";
  }

  /** One event of the command's output. */
  advance(event: TerraformEvent): void {
    switch (event.kind) {
      case "planned-change":
        if (event.action !== "noop" && event.action !== "read" && !this.changes.some((c) => c.address === event.address)) this.changes.push({ address: event.address, action: event.action });
        return;
      case "change-summary":
        if (event.operation === "plan") {
          this.planned = { add: event.add, change: event.change, remove: event.remove };
          if (this.verb !== "plan" && this.total > 0) this.phase = "applying";
        } else this.applied = { add: event.add, change: event.change, remove: event.remove };
        return;
      case "resource-start":
        if (!COUNTED.has(event.action)) return;
        this.phase = "applying";
        this.inFlight.push(event.address);
        return;
      case "resource-complete":
      case "resource-errored": {
        if (!COUNTED.has(event.action)) return;
        const at = this.inFlight.indexOf(event.address);
        if (at >= 0) this.inFlight.splice(at, 1);
        this.finished = this.total > 0 ? Math.min(this.finished + 1, this.total) : this.finished + 1;
        if (event.kind === "resource-errored") this.failedResources.push(event.address);
        return;
      }
      case "diagnostic":
        this.diagnose(event.diagnostic);
        return;
    }
  }

  /** An error or warning, from the JSON stream or read from stderr. */
  diagnose({ severity, summary, detail, address }: TerraformDiagnostic): void {
    if (severity === "warning") {
      // Init's warnings are about what dynoform installs (the mirror's lock file hashes): the log keeps them.
      if (this.verb !== "init" && !this.warnings.includes(summary)) this.warnings.push(summary);
      return;
    }
    if (this.errors.some((e) => e.summary === summary && e.detail === detail && e.address === address)) return;
    this.errors.push({ summary, detail, ...(address ? { address } : {}) });
  }

  /** The command ended: a success ends the stack unless it was init; a failure always does. */
  end(outcome: { readonly ok: boolean; readonly error?: string }, now: number): void {
    this.inFlight.length = 0;
    if (!outcome.ok) {
      this.phase = "failed";
      this.reason = outcome.error;
      this.endedAt = now;
      return;
    }
    if (this.verb === "init") return;
    const counts = this.verb === "plan" ? this.planned : (this.applied ?? this.planned);
    this.phase = counts && counts.add + counts.change + counts.remove > 0 ? "done" : "nothing-to-do";
    this.endedAt = now;
  }

  /**
   * Every failure to name: each error diagnostic, and each failed resource
   * that no diagnostic named (an error without an address is the failed
   * resource's when only one failed).
   */
  failures(): StackFailure[] {
    const lone = this.failedResources.length === 1 ? this.failedResources[0] : undefined;
    const errors = this.errors.map((e) => (e.address || !lone ? e : { ...e, address: lone }));
    const unnamed = this.failedResources.filter((address) => !errors.some((e) => e.address === address));
    return [...errors, ...unnamed.map((address) => ({ address, summary: "failed", detail: "" }))];
  }
}
