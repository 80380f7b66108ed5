/**
 * heroku_app_webhook: an app webhook (level, URL, event types, secret and
 * authorization). Import id: `<app>:<webhook id>`.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, str, stringList } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { inSliceProblems } from "./validators";

interface ApiWebhook {
  id: string;
  url: string;
  level: string;
  include: string[];
}

export const herokuAppWebhook: ResourceType = {
  forceNew: FORCE_NEW.heroku_app_webhook,

  validate(config) {
    return inSliceProblems(["level"], ["notify", "sync"], str(config.level));
  },

  async create(ctx, planned) {
    const body: Record<string, unknown> = { level: planned.level, url: planned.url, include: stringList(planned.include) };
    if (str(planned.secret)) body.secret = planned.secret;
    if (str(planned.authorization)) body.authorization = planned.authorization;
    const w = await ctx.client.post<ApiWebhook>(`/apps/${appIdOf(planned)}/webhooks`, body);
    ctx.created(w.id);
    return { ...planned, id: w.id, url: w.url, level: w.level, include: w.include };
  },

  async read(ctx, state) {
    const w = await orGone(ctx.client.get<ApiWebhook>(`/apps/${appIdOf(state)}/webhooks/${encodeURIComponent(str(state.id) ?? "")}`));
    return w && { url: w.url, level: w.level, include: w.include };
  },

  async update(ctx, prior, planned) {
    const body: Record<string, unknown> = {};
    for (const name of ["level", "url", "secret", "authorization"]) if (planned[name] !== prior[name]) body[name] = planned[name];
    if (JSON.stringify(planned.include) !== JSON.stringify(prior.include)) body.include = stringList(planned.include);
    const w = await ctx.client.patch<ApiWebhook>(`/apps/${appIdOf(planned)}/webhooks/${prior.id}`, body);
    return { ...planned, url: w.url, level: w.level, include: w.include };
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/webhooks/${state.id}`);
  },

  async importState(ctx, id) {
    const [app, webhook] = importParts(id, "<app>:<webhook id>");
    const found = await ctx.client.get<{ id: string }>(`/apps/${encodeURIComponent(app)}`);
    return { id: webhook, app_id: found.id };
  },
};
