/**
 * What a local deploy leaves on the embedded platform, read back through its
 * API: each app with its web URL, formation, add-ons, domains and their DNS
 * targets; each pipeline's stages; and how to look with the official CLI.
 */
import { HerokuClient } from "../lib/heroku-api-client";

interface App {
  id: string;
  name: string;
  web_url: string;
}
interface Formation {
  type: string;
  quantity: number;
  size: string;
}
interface Addon {
  name: string;
  plan: { name: string };
  state: string;
}
interface Domain {
  hostname: string;
  kind: string;
  cname: string | null;
}
interface Pipeline {
  id: string;
  name: string;
}
interface Coupling {
  stage: string;
  app: { id: string };
}

const STAGE_ORDER = ["review", "development", "staging", "production"];

export async function estateSummary(target: { apiUrl: string; apiKey: string }): Promise<string> {
  const client = new HerokuClient({ url: target.apiUrl, apiKey: target.apiKey });
  const apps = await client.list<App>("/apps");
  const names = new Map(apps.map((a) => [a.id, a.name]));
  const lines = [``, `On the embedded platform (${target.apiUrl}):`];
  for (const app of apps.sort((a, b) => a.name.localeCompare(b.name))) {
    const [formation, addons, domains] = await Promise.all([
      client.list<Formation>(`/apps/${app.id}/formation`),
      client.list<Addon>(`/apps/${app.id}/addons`),
      client.list<Domain>(`/apps/${app.id}/domains`),
    ]);
    const custom = domains.filter((d) => d.kind === "custom");
    lines.push(
      ``,
      `  ${app.name}  ${app.web_url}`,
      `    formation  ${formation.map((f) => `${f.type}: ${f.quantity} × ${f.size.toLowerCase()}`).join(", ") || "none"}`,
      `    add-ons    ${addons.map((a) => `${a.plan.name} (${a.state})`).join(", ") || "none"}`,
      `    domains    ${custom.map((d) => `${d.hostname} → CNAME ${d.cname}`).join(", ") || "none"}`,
    );
  }
  for (const pipeline of await client.list<Pipeline>("/pipelines")) {
    const couplings = await client.list<Coupling>(`/pipelines/${pipeline.id}/pipeline-couplings`);
    const stages = couplings
      .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage))
      .map((c) => `${c.stage}: ${names.get(c.app.id) ?? c.app.id}`);
    lines.push(``, `  pipeline ${pipeline.name}  ${stages.join(" → ") || "no apps"}`);
  }
  const example = apps[0]?.name ?? "<app>";
  lines.push(``, `Look with the official heroku CLI:`, `  eval "$(npx dynoform platform env)"`, `  heroku apps:info -a ${example}`, ``);
  return lines.join("\n");
}
