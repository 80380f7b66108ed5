import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, ok, platform, releasedApp } from "./platform-harness";

/**
 * A rename tells the truth everywhere: records refer to an app by id, and
 * every answer names it as it is now. The names are chosen so that the old
 * one can be looked for as plain text in every answer and in the data file.
 */
describe("embedded platform: renaming an app", () => {
  it("shows the new name in every answer and in none the old one, and the old name is not found", async () => {
    // GIVEN an app with a custom domain, a certificate, a database shared with another app, a formation,
    // a pipeline coupling, a drain, a webhook and a collaborator
    const p = await platform();
    const app = await releasedApp(p, "old-name");
    await ok(p, "POST", "/apps", { name: "reports" });
    const sni = await ok(p, "POST", "/apps/old-name/sni-endpoints", { certificate_chain: "-----BEGIN CERTIFICATE-----", private_key: "PRIVATE KEY" });
    await ok(p, "POST", "/apps/old-name/domains", { hostname: "www.example.com", sni_endpoint: sni.id });
    const addon = await ok(p, "POST", "/apps/old-name/addons", { plan: "heroku-postgresql:essential-0", name: "main-db" });
    await ok(p, "POST", "/addon-attachments", { addon: addon.id, app: "reports", name: "MAIN_DB" });
    const pipeline = await ok(p, "POST", "/pipelines", { name: "line" });
    await ok(p, "POST", "/pipeline-couplings", { app: app.id, pipeline: pipeline.id, stage: "production" });
    await ok(p, "POST", "/apps/old-name/log-drains", { url: "https://logs.example.com/drain" });
    await ok(p, "POST", "/apps/old-name/webhooks", { url: "https://hooks.example.com", level: "notify", include: ["api:release"] });
    await ok(p, "POST", "/apps/old-name/collaborators", { user: "ann@example.com" });

    // WHEN it is renamed
    const renamed = await ok(p, "PATCH", "/apps/old-name", { name: "new-name" });

    // THEN the app is served at its new name, by name and by id
    expect(renamed).toMatchObject({ id: app.id, name: "new-name", web_url: "https://new-name.herokuapp.com/", git_url: "https://git.heroku.com/new-name.git" });
    expect((await ok(p, "GET", `/apps/${app.id}`)).web_url).toBe("https://new-name.herokuapp.com/");
    // AND everything that names it names it anew
    const answers = {
      domains: await ok(p, "GET", "/apps/new-name/domains"),
      sni: await ok(p, "GET", "/apps/new-name/sni-endpoints"),
      addons: await ok(p, "GET", "/apps/new-name/addons"),
      addon: await ok(p, "GET", `/addons/${addon.id}`),
      attachments: await ok(p, "GET", `/addons/${addon.id}/addon-attachments`),
      attachedElsewhere: await ok(p, "GET", "/apps/reports/addon-attachments"),
      formation: await ok(p, "GET", "/apps/new-name/formation"),
      dynos: await ok(p, "GET", "/apps/new-name/dynos"),
      releases: await ok(p, "GET", "/apps/new-name/releases"),
      coupling: await ok(p, "GET", `/apps/${app.id}/pipeline-couplings`),
      drains: await ok(p, "GET", "/apps/new-name/log-drains"),
      webhooks: await ok(p, "GET", "/apps/new-name/webhooks"),
      collaborators: await ok(p, "GET", "/apps/new-name/collaborators"),
      features: await ok(p, "GET", "/apps/new-name/features"),
      apps: await ok(p, "GET", "/apps"),
    };
    expect(JSON.stringify(answers)).not.toContain("old-name");
    expect(answers.domains.map((d: { hostname: string }) => d.hostname).sort()).toEqual(["new-name.herokuapp.com", "www.example.com"]);
    expect(answers.addon).toMatchObject({ app: { id: app.id, name: "new-name" }, billing_entity: { id: app.id, name: "new-name", type: "app" } });
    expect(answers.attachedElsewhere).toMatchObject([{ name: "MAIN_DB", addon: { name: "main-db", app: { id: app.id, name: "new-name" } }, app: { name: "reports" } }]);
    expect(answers.formation.map((f: { type: string }) => f.type).sort()).toEqual(["web", "worker"]);
    for (const list of [answers.formation, answers.releases, answers.drains, answers.webhooks, answers.collaborators, answers.dynos, answers.sni, answers.domains]) {
      expect(new Set(list.map((x: { app: { name: string } }) => x.app.name))).toEqual(new Set(["new-name"]));
    }
    expect(answers.coupling).toMatchObject({ app: { id: app.id }, pipeline: { id: pipeline.id, name: "line" }, stage: "production" });
    // AND the data file keeps no copy of the old name to go stale
    expect(readFileSync(join(p.dataDir, "platform.json"), "utf8")).not.toContain("old-name");
    // AND the old name is free of the app: not found, as any unknown app
    const old = await api(p, "GET", "/apps/old-name");
    expect(old.status).toBe(404);
    expect(await old.json()).toEqual({ id: "not_found", message: "Couldn't find that app.", resource: "app" });
    expect((await api(p, "GET", "/apps/old-name/domains")).status).toBe(404);
  });

  it("renames the records named after an add-on and a pipeline when they are renamed", async () => {
    // GIVEN a database attached to a second app, and an app coupled to a pipeline
    const p = await platform();
    const app = await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps", { name: "reports" });
    await ok(p, "POST", "/apps/shop/addons", { plan: "heroku-postgresql:essential-0", name: "old-db" });
    await ok(p, "POST", "/addon-attachments", { addon: "old-db", app: "reports", name: "SHOP_DB" });
    const pipeline = await ok(p, "POST", "/pipelines", { name: "old-line" });
    await ok(p, "POST", "/pipeline-couplings", { app: app.id, pipeline: pipeline.id, stage: "staging" });
    // WHEN the add-on and the pipeline are renamed
    await ok(p, "PATCH", "/apps/shop/addons/old-db", { name: "new-db" });
    await ok(p, "PATCH", `/pipelines/${pipeline.id}`, { name: "new-line" });
    // THEN attachments and couplings name them anew
    expect((await ok(p, "GET", "/apps/reports/addon-attachments"))[0].addon.name).toBe("new-db");
    expect((await ok(p, "GET", "/apps/shop/addons/new-db")).web_url).toBe(`https://addons-sso.heroku.com/apps/${app.id}/addons/new-db`);
    expect((await ok(p, "GET", "/apps/shop/pipeline-couplings")).pipeline.name).toBe("new-line");
  });
});
