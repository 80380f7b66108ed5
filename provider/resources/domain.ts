/**
 * heroku_domain: a custom hostname on an app, with the DNS target (`cname`)
 * the platform assigns. Import id: `<app>:<domain id or hostname>`.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ObjectValue } from "../protocol/cty";
import type { ResourceContext, ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { delaySeconds, madeSince } from "./platform-timing";

interface ApiDomain {
  id: string;
  app: { id: string };
  hostname: string;
  cname: string | null;
  sni_endpoint: { id: string } | null;
}

async function toState(ctx: ResourceContext, domain: ApiDomain): Promise<ObjectValue> {
  const app = await ctx.client.get<{ acm: boolean }>(`/apps/${domain.app.id}`);
  const state: ObjectValue = { id: domain.id, app_id: domain.app.id, hostname: domain.hostname, cname: domain.cname };
  if (!app.acm && domain.sni_endpoint) state.sni_endpoint_id = domain.sni_endpoint.id;
  return state;
}

export const herokuDomain: ResourceType = {
  forceNew: FORCE_NEW.heroku_domain,

  async create(ctx, planned) {
    const body: Record<string, unknown> = { hostname: planned.hostname };
    if (str(planned.sni_endpoint_id)) body.sni_endpoint = planned.sni_endpoint_id;
    const domain = await ctx.client.post<ApiDomain>(`/apps/${appIdOf(planned)}/domains`, body);
    ctx.created(domain.id);
    const state = await toState(ctx, domain);
    await delaySeconds(ctx.settings.postDomainCreateDelaySeconds);
    return state;
  },

  async read(ctx, state) {
    const domain = await orGone(ctx.client.get<ApiDomain>(`/apps/${appIdOf(state)}/domains/${encodeURIComponent(str(state.id) ?? "")}`));
    return domain && toState(ctx, domain);
  },

  async update(ctx, prior, planned) {
    const body = planned.sni_endpoint_id !== prior.sni_endpoint_id ? { sni_endpoint: planned.sni_endpoint_id } : {};
    return toState(ctx, await ctx.client.patch<ApiDomain>(`/apps/${appIdOf(planned)}/domains/${prior.id}`, body));
  },

  async findCreated(ctx, planned, since) {
    const path = `/apps/${appIdOf(planned)}/domains/${encodeURIComponent(str(planned.hostname) ?? "")}`;
    const domain = await orGone(ctx.client.get<ApiDomain & { created_at: string }>(path));
    return domain && madeSince(domain.created_at, since) ? domain.id : undefined;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/domains/${state.id}`);
  },

  async importState(ctx, id) {
    const [app, domain] = importParts(id, "<app>:<domain>");
    return toState(ctx, await ctx.client.get<ApiDomain>(`/apps/${encodeURIComponent(app)}/domains/${encodeURIComponent(domain)}`));
  },
};
