/**
 * heroku_ssl: an SNI endpoint, a certificate chain and its private key on an
 * app. Import id: `<app>:<sni endpoint>`.
 */
import { orGone } from "../../lib/heroku-api-client";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, str } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

interface ApiSniEndpoint {
  id: string;
  name: string;
  app: { id: string };
  certificate_chain: string;
}

export const herokuSsl: ResourceType = {
  forceNew: FORCE_NEW.heroku_ssl,

  async create(ctx, planned) {
    const body = { certificate_chain: planned.certificate_chain, private_key: planned.private_key };
    const ep = await ctx.client.post<ApiSniEndpoint>(`/apps/${appIdOf(planned)}/sni-endpoints`, body);
    ctx.created(ep.id);
    return { ...planned, id: ep.id, name: ep.name, app_id: ep.app.id };
  },

  async read(ctx, state) {
    const ep = await orGone(ctx.client.get<ApiSniEndpoint>(`/apps/${appIdOf(state)}/sni-endpoints/${encodeURIComponent(str(state.id) ?? "")}`));
    return ep && { id: ep.id, app_id: ep.app.id, certificate_chain: ep.certificate_chain, name: ep.name };
  },

  async update(ctx, prior, planned) {
    if (planned.certificate_chain !== prior.certificate_chain || planned.private_key !== prior.private_key) {
      await ctx.client.patch(`/apps/${appIdOf(planned)}/sni-endpoints/${prior.id}`, { certificate_chain: planned.certificate_chain, private_key: planned.private_key });
    }
    return planned;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/sni-endpoints/${state.id}`);
  },

  async importState(ctx, id) {
    const [app, cert] = importParts(id, "<app>:<sni endpoint>");
    const ep = await ctx.client.get<ApiSniEndpoint>(`/apps/${encodeURIComponent(app)}/sni-endpoints/${encodeURIComponent(cert)}`);
    return { id: ep.id, app_id: ep.app.id, certificate_chain: ep.certificate_chain, name: ep.name };
  },
};
