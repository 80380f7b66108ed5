/**
 * heroku_addon_attachment: an add-on attached to another app (or again to
 * its own, under another name). It is read and imported by its id only.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ResourceType } from "../engine/resource-type";
import { str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

const UUID = /^[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+$/;

interface ApiAttachment {
  id: string;
  name: string;
  namespace: string | null;
  app: { id: string };
  addon: { id: string };
}

export const herokuAddonAttachment: ResourceType = {
  forceNew: FORCE_NEW.heroku_addon_attachment,

  async create(ctx, planned) {
    const body: Record<string, unknown> = { addon: planned.addon_id, app: planned.app_id };
    if (str(planned.name)) body.name = planned.name;
    if (str(planned.namespace)) body.namespace = planned.namespace;
    const a = await ctx.client.post<ApiAttachment>("/addon-attachments", body);
    ctx.created(a.id);
    return { id: a.id, app_id: a.app.id, addon_id: a.addon.id, name: a.name, namespace: a.namespace ?? "" };
  },

  async read(ctx, state) {
    const id = str(state.id) ?? "";
    if (!UUID.test(id)) throw new Error("You can only import addon attachments by their unique ID");
    const a = await orGone(ctx.client.get<ApiAttachment>(`/addon-attachments/${id}`));
    return a && { id: a.id, app_id: a.app.id, addon_id: a.addon.id, name: a.name, namespace: a.namespace ?? "" };
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/addon-attachments/${state.id}`);
  },
};
