/**
 * The platform's asynchronous work, finished when it is due: builds,
 * add-on provisioning, promotions. It runs at the start of every request,
 * so nothing depends on a timer firing, and a restarted platform finishes
 * what was pending when it stopped.
 *
 * Each record settles in its own change. One that throws unexpectedly is
 * rolled back, reported, and then marked failed, so that it is not retried
 * on every request and does not stand in the way of the others.
 */
import type { FailureReport } from "../protocol/failure-log";
import { failProvisioning, finishProvisioning } from "./addons";
import { failBuild, finishBuild, type BuildContext } from "./builds";
import { failPromotion, finishPromotion } from "./promotions";
import type { PendingWork, PlatformData } from "./records";

const REASON = "An internal error stopped it; the platform's log has the details.";

/** Finishes or fails one pending record, by id. */
type Step = (data: PlatformData, id: string, ctx: BuildContext) => void;

/** Runs `act` on the record with this id; one deleted meanwhile has nothing left to do (internal helper). */
function on<T extends { id: string }>(records: readonly T[], id: string, act: (record: T) => void): void {
  const record = records.find((r) => r.id === id);
  if (record) act(record);
}

const SETTLERS: Record<keyof PendingWork, { readonly what: string; readonly finish: Step; readonly fail: Step }> = {
  builds: {
    what: "build",
    finish: (d, id, ctx) => on(d.builds, id, (build) => finishBuild(d, build, ctx)),
    fail: (d, id, ctx) => on(d.builds, id, (build) => failBuild(build, ctx, REASON)),
  },
  addons: {
    what: "add-on",
    finish: (d, id) => on(d.addons, id, (addon) => finishProvisioning(d, addon)),
    fail: (d, id) => on(d.addons, id, (addon) => failProvisioning(d, addon)),
  },
  promotions: {
    what: "promotion",
    finish: (d, id) => on(d.promotions, id, (promotion) => finishPromotion(d, promotion)),
    fail: (d, id) => on(d.promotions, id, (promotion) => failPromotion(d, promotion, REASON)),
  },
};

/** The pending work due by `now`, oldest kind first: builds, then add-ons, then promotions (internal helper). */
function dueWork(data: Readonly<PlatformData>, now: number): [keyof PendingWork, string][] {
  return (Object.keys(SETTLERS) as (keyof PendingWork)[]).flatMap((kind) =>
    Object.entries(data.pending[kind])
      .filter(([, at]) => Date.parse(at) <= now)
      .map(([id]): [keyof PendingWork, string] => [kind, id]),
  );
}

/** Takes a record off the pending list and finishes or fails it (internal helper). */
function settleOne(data: PlatformData, kind: keyof PendingWork, id: string, ctx: BuildContext, outcome: "finish" | "fail"): void {
  delete data.pending[kind][id];
  SETTLERS[kind][outcome](data, id, ctx);
}

export function settle(ctx: BuildContext, report: FailureReport): void {
  const due = ctx.store.read((data) => dueWork(data, Date.now()));
  for (const [kind, id] of due) {
    try {
      ctx.store.mutate((data) => settleOne(data, kind, id, ctx, "finish"));
    } catch (error) {
      report(error, `settling ${SETTLERS[kind].what} ${id}`);
      ctx.store.mutate((data) => settleOne(data, kind, id, ctx, "fail"));
    }
  }
}
