/**
 * Config var changes as the real provider makes them (internal helper): one
 * PATCH with removed keys as null, then the app's newest release is awaited
 * until it succeeds.
 */
import type { ResourceContext } from "../engine/resource-type";
import { waitFor } from "./platform-timing";

interface Release {
  id: string;
  status: string;
}

export async function updateConfigVars(ctx: ResourceContext, appId: string, removed: Iterable<string>, set: Record<string, string>): Promise<void> {
  const vars: Record<string, string | null> = {};
  for (const key of removed) vars[key] = null;
  Object.assign(vars, set);
  const { client } = ctx;
  await client.patch(`/apps/${appId}/config-vars`, vars);
  const [latest] = await client.page<Release>(`/apps/${appId}/releases`, "version ..; max=1,order=desc");
  if (!latest) throw new Error("no release found");
  await waitFor(
    `new release (${latest.id}) to succeed`,
    () => client.get<Release>(`/apps/${appId}/releases/${latest.id}`),
    (r) => {
      if (r.status === "failed") throw new Error(`Error waiting for new release (${latest.id}) to succeed: release failed`);
      return r.status === "succeeded";
    },
    20 * 60_000,
  );
}
