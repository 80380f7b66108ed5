/**
 * The smaller app children: heroku_addon_attachment, heroku_drain,
 * heroku_collaborator, heroku_app_webhook and heroku_ssl (an SNI endpoint).
 */
import type { ObjectValue } from "../protocol/cty";
import type { ResourceType } from "../engine/resource-type";
import { appIdOf, importParts, orGone, str, stringList } from "./common";

const UUID = /^[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+$/;

interface ApiAttachment {
  id: string;
  name: string;
  namespace: string | null;
  app: { id: string };
  addon: { id: string };
}

export const herokuAddonAttachment: ResourceType = {
  forceNew: ["addon_id", "app_id", "name", "namespace"],

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

interface ApiDrain {
  id: string;
  url: string;
  token: string;
}

export const herokuDrain: ResourceType = {
  forceNew: ["app_id", "url", "sensitive_url"],

  validate(config) {
    return str(config.url) && str(config.sensitive_url) ? [{ path: ["url"], summary: `"url": conflicts with sensitive_url` }] : [];
  },

  async create(ctx, planned) {
    const app = appIdOf(planned);
    await ctx.client.get(`/apps/${app}`);
    const drain = await ctx.client.post<ApiDrain>(`/apps/${app}/log-drains`, { url: str(planned.url) ?? str(planned.sensitive_url) });
    ctx.created(drain.id);
    return { ...planned, id: drain.id, token: drain.token };
  },

  async read(ctx, state) {
    const drain = await orGone(ctx.client.get<ApiDrain>(`/apps/${appIdOf(state)}/log-drains/${encodeURIComponent(str(state.id) ?? "")}`));
    if (!drain) return null;
    const out: ObjectValue = { id: drain.id, token: drain.token };
    if (str(state.url)) out.url = drain.url;
    if (str(state.sensitive_url)) out.sensitive_url = drain.url;
    return out;
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/log-drains/${state.id}`);
  },

  async importState(ctx, id) {
    const parts = id.split(":");
    if (parts.length < 2 || parts.length > 3) throw new Error("the heroku_drain import ID should consist of 2 or 3 strings separated by a colon");
    if (parts.length === 3 && parts[2] !== "sensitive") {
      throw new Error(`to import a heroku_drain with a sensitive url, please use 'sensitive', not '${parts[2]}'`);
    }
    const app = await ctx.client.get<{ id: string }>(`/apps/${encodeURIComponent(parts[0])}`);
    const drain = await ctx.client.get<ApiDrain>(`/apps/${app.id}/log-drains/${encodeURIComponent(parts[1])}`);
    return { id: drain.id, app_id: app.id, token: drain.token, [parts.length === 3 ? "sensitive_url" : "url"]: drain.url };
  },
};

interface ApiCollaborator {
  id: string;
  app: { id: string };
  user: { email: string };
}

export const herokuCollaborator: ResourceType = {
  forceNew: ["app_id", "email"],

  async create(ctx, planned) {
    const c = await ctx.client.post<ApiCollaborator>(`/apps/${appIdOf(planned)}/collaborators`, { user: planned.email, silent: true });
    ctx.created(c.id);
    return { id: c.id, app_id: c.app.id, email: c.user.email };
  },

  async read(ctx, state) {
    const c = await orGone(ctx.client.get<ApiCollaborator>(`/apps/${appIdOf(state)}/collaborators/${encodeURIComponent(str(state.id) ?? "")}`));
    return c && { id: c.id, app_id: c.app.id, email: c.user.email };
  },

  async delete(ctx, state) {
    await ctx.client.delete(`/apps/${appIdOf(state)}/collaborators/${encodeURIComponent(state.email as string)}`);
  },

  async importState(ctx, id) {
    const [app, email] = importParts(id, "<app>:<email>");
    const c = await ctx.client.get<ApiCollaborator>(`/apps/${encodeURIComponent(app)}/collaborators/${encodeURIComponent(email)}`);
    return { id: c.id, app_id: c.app.id, email: c.user.email };
  },
};

interface ApiWebhook {
  id: string;
  url: string;
  level: string;
  include: string[];
}

export const herokuAppWebhook: ResourceType = {
  forceNew: ["app_id"],

  validate(config) {
    const level = str(config.level);
    return level && !["notify", "sync"].includes(level) ? [{ path: ["level"], summary: `expected level to be one of [notify sync], got ${level}` }] : [];
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

interface ApiSniEndpoint {
  id: string;
  name: string;
  app: { id: string };
  certificate_chain: string;
}

export const herokuSsl: ResourceType = {
  forceNew: ["app_id"],

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
