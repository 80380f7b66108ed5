/**
 * The platform's asynchronous work, finished when it is due: builds,
 * add-on provisioning (a data add-on's database or Redis made first), promotions, space allocation, VPN connections. It runs at the start of every request,
 * so nothing depends on a timer firing, and a restarted platform finishes
 * what was pending when it stopped.
 *
 * Each record settles in its own change. One that throws unexpectedly is
 * rolled back, reported, and then marked failed, so that it is not retried
 * on every request and does not stand in the way of the others.
 *
 * A build's source is read (streaming, which takes a while) before its
 * change, outside the store; other requests are served meanwhile and may
 * settle the same work, so a change applies only to a record still pending:
 * whatever settles it first settles it for good.
 */
import type { FailureReport } from "../protocol/failure-log";
import { failProvisioning, finishProvisioning } from "./addons";
import { failBuild, finishBuild, readBuildSource, type BuildContext } from "./builds";
import { pointStoreAt, storeLimits, storeOf, type DataServers, type Endpoint } from "./data-stores";
import { failPromotion, finishPromotion } from "./promotions";
import { failVpnConnection, finishVpnConnection } from "./space-networking";
import { deleteSpace, finishAllocation } from "./spaces";
import type { PendingWork, PlatformData } from "./records";

const REASON = "An internal error stopped it; the platform's log has the details.";

/** What settling needs: the records, a build's sources, the data servers. */
export interface SettleContext extends BuildContext {
  readonly servers: DataServers;
}

/** A change to the records, made in one `store.mutate`. */
type Change = (data: PlatformData) => void;

/** Runs `act` on the record with this id; one deleted meanwhile has nothing left to do (internal helper). */
function on<T extends { id: string }>(records: readonly T[], id: string, act: (record: T) => void): void {
  const record = records.find((r) => r.id === id);
  if (record) act(record);
}

interface Settler {
  readonly what: string;
  /** The change that finishes a record, once what it needs from outside the records is at hand. */
  readonly finish: (ctx: SettleContext, id: string) => Change | Promise<Change>;
  readonly fail: (ctx: SettleContext, id: string) => Change;
}

const SETTLERS: Record<keyof PendingWork, Settler> = {
  builds: {
    what: "build",
    finish: async (ctx, id) => {
      const source = await readBuildSource(ctx, id);
      return (d) => on(d.builds, id, (build) => finishBuild(d, build, ctx, source));
    },
    fail: (ctx, id) => (d) => on(d.builds, id, (build) => failBuild(build, ctx, REASON)),
  },
  addons: {
    what: "add-on",
    finish: async (ctx, id) => {
      const endpoint = await provisionStore(ctx, id);
      return (d) =>
        on(d.addons, id, (addon) => {
          const store = storeOf(d, addon);
          if (store && endpoint) pointStoreAt(d, store, endpoint);
          finishProvisioning(d, addon);
        });
    },
    fail: (_, id) => (d) => on(d.addons, id, (addon) => failProvisioning(d, addon)),
  },
  promotions: {
    what: "promotion",
    finish: (_, id) => (d) => on(d.promotions, id, (promotion) => finishPromotion(d, promotion)),
    fail: (_, id) => (d) => on(d.promotions, id, (promotion) => failPromotion(d, promotion, REASON)),
  },
  spaces: {
    what: "space",
    finish: (_, id) => (d) => on(d.spaces, id, (space) => finishAllocation(d, space)),
    // The schema has no failed state for a space: one that cannot be allocated is gone.
    fail: (_, id) => (d) => on(d.spaces, id, (space) => deleteSpace(d, space)),
  },
  vpnConnections: {
    what: "VPN connection",
    finish: (_, id) => (d) => on(d.vpnConnections, id, finishVpnConnection),
    fail: (_, id) => (d) => on(d.vpnConnections, id, (connection) => failVpnConnection(connection, REASON)),
  },
};

/** Makes a data add-on's database or Redis, when it has a store; where it listens, or null for a store kept as a record only (internal helper). */
async function provisionStore(ctx: SettleContext, addonId: string): Promise<Endpoint | null> {
  const spec = ctx.store.read((d) => {
    const store = storeOf(d, { id: addonId });
    return store && { store, limits: storeLimits(d, store) };
  });
  return spec ? ctx.servers.provision(spec) : null;
}

/** The pending work due by `now`, oldest kind first: builds, add-ons, promotions, spaces, then VPN connections (internal helper). */
function dueWork(data: Readonly<PlatformData>, now: number): [keyof PendingWork, string][] {
  return (Object.keys(SETTLERS) as (keyof PendingWork)[]).flatMap((kind) =>
    Object.entries(data.pending[kind])
      .filter(([, at]) => Date.parse(at) <= now)
      .map(([id]): [keyof PendingWork, string] => [kind, id]),
  );
}

/** Takes a record off the pending list and changes it; one settled meanwhile, by another request, is left as it is (internal helper). */
function ifStillPending(kind: keyof PendingWork, id: string, change: Change): Change {
  return (data) => {
    if (data.pending[kind][id] === undefined) return;
    delete data.pending[kind][id];
    change(data);
  };
}

/** Settles the given work, one record at a time, in order (internal helper). */
async function settleAll(ctx: SettleContext, report: FailureReport, due: readonly [keyof PendingWork, string][]): Promise<void> {
  for (const [kind, id] of due) {
    const { what, finish, fail } = SETTLERS[kind];
    try {
      const change = await finish(ctx, id);
      await ctx.store.mutate(ifStillPending(kind, id, change));
    } catch (error) {
      report(error, `settling ${what} ${id}`);
      await ctx.store.mutate(ifStillPending(kind, id, fail(ctx, id)));
    }
  }
}

/** Settles all the work that is due: what every API request does first. */
export function settle(ctx: SettleContext, report: FailureReport): Promise<void> {
  return settleAll(ctx, report, ctx.store.read((data) => dueWork(data, Date.now())));
}

/** Settles one build, if it is due, and nothing else: what its public output stream may do. */
export function settleBuild(ctx: SettleContext, report: FailureReport, buildId: string): Promise<void> {
  const due = ctx.store.read((data) => dueWork(data, Date.now()));
  return settleAll(ctx, report, due.filter(([kind, id]) => kind === "builds" && id === buildId));
}
