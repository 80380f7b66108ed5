/**
 * Keeps the data servers in line with the records: after any request that
 * changed the data stores or the add-ons (a plan, a rotation, a destroy, an
 * app deleted with its add-ons), each store is made as its spec says and each
 * store `removing` is dropped, then forgotten. The records are the truth, so
 * a platform killed half-way converges on its next start: a database whose
 * add-on is gone is dropped, one whose add-on remains is made again.
 */
import type { JsonStore } from "../persistence/json-store";
import type { FailureReport } from "../protocol/failure-log";
import { forgetStore, pointStoreAt, storeSpecs, type DataServers, type StoreSpec } from "./data-stores";
import type { PlatformData } from "./records";

export class StoreFollower {
  /** The collections last followed: the store replaces a collection it changes, so a new one means a change. */
  private seen: readonly [unknown, unknown] = [undefined, undefined];
  /** What each store was last made as, so an unchanged one is not made again, and its password then. */
  private readonly made = new Map<string, { key: string; password: string }>();
  private following: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: JsonStore<PlatformData>,
    private readonly servers: DataServers,
  ) {}

  /** Resolves once the servers follow the records as they are now; failures are reported, and tried again on the next change. */
  follow(report: FailureReport): Promise<void> {
    const now = this.store.read((d) => [d.dataStores, d.addons] as const);
    if (now[0] !== this.seen[0] || now[1] !== this.seen[1]) {
      this.seen = now;
      this.following = this.following.then(() => this.followAll(report));
    }
    return this.following;
  }

  private async followAll(report: FailureReport): Promise<void> {
    const specs = this.store.read((d) => storeSpecs(d).filter((spec) => spec.store.state === "removing" || d.addons.some((a) => a.id === spec.store.addon.id && a.state === "provisioned")));
    for (const spec of specs) {
      try {
        await this.followOne(spec);
      } catch (error) {
        this.made.delete(spec.store.addon.id);
        report(error, `bringing the ${spec.store.engine} store of add-on ${spec.store.addon.id} in line with its record`);
      }
    }
  }

  private async followOne({ store, limits }: StoreSpec): Promise<void> {
    const id = store.addon.id;
    if (store.state === "removing") {
      await this.servers.remove(store);
      this.made.delete(id);
      await this.store.mutate((d) => forgetStore(d, store));
      return;
    }
    const key = JSON.stringify({ store, limits });
    const before = this.made.get(id);
    if (before?.key === key) return;
    const endpoint = await this.servers.provision({ store, limits });
    // A rotated credential: whoever connected with the old password is cut off, as on Heroku.
    if (before && before.password !== store.password) await this.servers.disconnect(store);
    this.made.set(id, { key, password: store.password });
    if (endpoint) {
      await this.store.mutate((d) => {
        const current = d.dataStores.find((s) => s.addon.id === id && s.state === "active");
        if (current) pointStoreAt(d, current, endpoint);
      });
    }
  }
}
