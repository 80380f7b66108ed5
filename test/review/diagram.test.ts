import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TerraformPlanJson, stackFromPlanJson } from "../../review/from-plan";
import { stacksFromTrees, type TreeStack } from "../../review/from-trees";
import { EstateGraph, FEW, estateGraph } from "../../review/estate-graph";
import { modelFromTrees } from "../../review/load-model";
import { mermaidLabel, renderMermaid } from "../../review/render-mermaid";
import { FIXTURES, Resources, StackJson, baseEstate, fixtureEstate, headEstate } from "./estate-fixture";

/** The Mermaid text of a change from `base` to `head` (internal helper). */
function diagram(base: TreeStack[], head: TreeStack[], env: NodeJS.ProcessEnv = {}): string {
  return renderMermaid(estateGraph(modelFromTrees(base, head, "diagram", env).stacks), { legend: true }).text;
}

/** The id of the one node whose label is exactly `label` (internal helper). */
function idOf(text: string, label: string): string {
  const ids = [...text.matchAll(/(n\d+)[[({>/]+"([^"]*)"/g)].filter((m) => m[2] === label).map((m) => m[1]);
  expect(ids, `one node labelled ${label}`).toHaveLength(1);
  return ids[0];
}

/** The class a node is drawn with (internal helper). */
function classOf(text: string, id: string): string | undefined {
  return [...text.matchAll(/^ {2}class ([\w,]+) (\w+)$/gm)].find((m) => m[1].split(",").includes(id))?.[2];
}

/** The lines of the subgraph titled `title`, up to its `end` (internal helper). */
function subgraph(text: string, title: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim().endsWith(`[${mermaidLabel(title)}]`) && l.trim().startsWith("subgraph "));
  expect(start, `a subgraph titled ${title}`).toBeGreaterThan(-1);
  const indent = lines[start].length - lines[start].trimStart().length;
  const end = lines.findIndex((l, i) => i > start && l === `${" ".repeat(indent)}end`);
  return lines.slice(start, end + 1).join("\n");
}

const production = (stacks: Record<string, StackJson>): Resources => stacks.production.resource;

describe("the diagram of a change", () => {
  it("draws the pipeline's stages as subgraphs, marks what changes and escapes labels", () => {
    // GIVEN the example estate with production's worker scaled, Redis removed and a domain whose name is hostile to Mermaid
    const head = headEstate((s) => {
      production(s).heroku_formation.formation_worker.quantity = 2;
      delete production(s).heroku_addon.redis;
      production(s).heroku_domain.domain_odd = { app_id: "${heroku_app.app.id}", hostname: 'odd"]-->x;#1<b>`' };
    });
    // WHEN it is drawn
    const text = diagram(baseEstate(), head);
    // THEN the pipeline holds one subgraph per stage, staging first, each with its app and what hangs on it
    const pipeline = subgraph(text, "pipeline flask-demo");
    expect(pipeline).toContain("direction LR");
    const [staging, prod] = [subgraph(pipeline, "staging"), subgraph(pipeline, "production")];
    expect(pipeline.indexOf(staging)).toBeLessThan(pipeline.indexOf(prod));
    expect(staging).toContain('"flask-demo-staging · us"');
    expect(prod).toContain('"flask-demo-production · us"');
    expect(prod).toContain('"heroku-postgresql:standard-0"');
    // AND each changed node has its state's class, the others are unchanged
    expect(classOf(text, idOf(text, "worker: standard-1x × 1 → 2"))).toBe("update");
    expect(classOf(text, idOf(text, "heroku-redis:premium-0"))).toBe("destroy");
    expect(classOf(text, idOf(text, "flask-demo-production · us"))).toBe("unchanged");
    // AND the hostile hostname is one quoted label with its syntax escaped as entities
    expect(text).toContain('{{"odd#quot;]--#62;x#59;#35;1#60;b#62;#96;"}}');
    expect(classOf(text, idOf(text, "odd#quot;]--#62;x#59;#35;1#60;b#62;#96;"))).toBe("create");
    // AND a legend shows the five states, each in its class, which is defined
    for (const state of ["create", "update", "replace", "destroy", "unchanged"]) {
      expect(text).toContain(`legend_${state}["${state}"]:::${state}`);
      expect(text).toMatch(new RegExp(`^ {2}classDef ${state} `, "m"));
    }
    // AND node and group ids are generated, never taken from names
    for (const id of text.matchAll(/^\s*(?:subgraph )?(\S+?)[[({>]/gm)) expect(id[1]).toMatch(/^(n\d+|g\d+|legend|legend_\w+|n\d+ --- n\d+)$/);
  });

  it("marks a replacement with its cause and a pipeline's own change on its subgraph", () => {
    // GIVEN production moved to the EU and the pipeline renamed
    const head = headEstate((s) => {
      production(s).heroku_app.app.region = "eu";
      const pipeline = Object.values(s["pipeline-flask-demo"].resource.heroku_pipeline)[0];
      pipeline.name = "flask-demo-2";
    });
    // WHEN it is drawn
    const text = diagram(baseEstate(), head);
    // THEN the app is replaced, with the region it moves to, and all on it too
    const app = idOf(text, "flask-demo-production · us → eu");
    expect(classOf(text, app)).toBe("replace");
    expect(classOf(text, idOf(text, "web: standard-2x × 2"))).toBe("replace");
    // AND the pipeline's subgraph says and shows its update
    const title = subgraph(text, "pipeline flask-demo → flask-demo-2 (update)").split("\n")[0];
    expect(classOf(text, /subgraph (g\d+)/.exec(title)![1])).toBe("update");
  });

  it("finds a coupled app across stacks, through cdktf's remote state or a data source by name", () => {
    // GIVEN the example estate (cross-stack references) and the fixture estate (data.heroku_app by name)
    for (const [estate, names] of [
      [baseEstate(), ["flask-demo-staging · us", "flask-demo-production · us"]],
      [fixtureEstate(), ["dynoform-flask-staging · us", "dynoform-flask-production · us"]],
    ] as const) {
      // WHEN each is drawn as it is
      const text = renderMermaid(estateGraph(stacksFromTrees(estate, estate))).text;
      // THEN its apps sit in their stages, none in a stack of its own, and nothing is marked
      expect(subgraph(text, "staging")).toContain(`"${names[0]}"`);
      expect(subgraph(text, "production")).toContain(`"${names[1]}"`);
      expect(text).not.toMatch(/subgraph g\d+\["stack /);
      expect(text).not.toMatch(/^ {2}class .* (create|update|replace|destroy)$/m);
    }
  });

  it("finds a plan's coupled app through the stack its remote state reads, or the name a data source looks up", () => {
    // GIVEN a pipeline stack's plan coupling one app through cdktf's remote state and one through data.heroku_app
    const coupling = (name: string, stage: string) => ({ address: `heroku_pipeline_coupling.${name}`, mode: "managed" as const, type: "heroku_pipeline_coupling", name, change: { actions: ["create"], before: null, after: { stage } } });
    const plan: TerraformPlanJson = {
      format_version: "1.2",
      resource_changes: [
        { address: "heroku_pipeline.p", mode: "managed", type: "heroku_pipeline", name: "p", change: { actions: ["create"], before: null, after: { name: "shop" } } },
        coupling("production", "production"),
        coupling("staging", "staging"),
      ],
      configuration: {
        root_module: {
          resources: [
            { address: "data.heroku_app.staging", expressions: { name: { constant_value: "shop-staging" } } },
            {
              address: "heroku_pipeline_coupling.production",
              expressions: {
                app_id: { references: ["data.terraform_remote_state.cross-stack-reference-input-production.outputs.cross-stack-output-heroku_appappid", "data.terraform_remote_state.cross-stack-reference-input-production"] },
                pipeline: { references: ["heroku_pipeline.p.id", "heroku_pipeline.p"] },
              },
            },
            { address: "heroku_pipeline_coupling.staging", expressions: { app_id: { references: ["data.heroku_app.staging.id", "data.heroku_app.staging"] }, pipeline: { references: ["heroku_pipeline.p.id", "heroku_pipeline.p"] } } },
          ],
        },
      },
    };
    // WHEN it is read
    const pipeline = stackFromPlanJson("pipeline", plan);
    // THEN each coupling says where its app is
    expect(pipeline.changes.map((c) => c.foreignApp)).toEqual([undefined, { stack: "production" }, { name: "shop-staging" }]);
    // AND drawn beside the apps' own plans, each app sits in its stage, the couplings created on them
    const apps = ["production", "staging"].map((env) =>
      stackFromPlanJson(env, { format_version: "1.2", resource_changes: [{ address: "heroku_app.app", mode: "managed", type: "heroku_app", name: "app", change: { actions: ["no-op"], before: { name: `shop-${env}`, region: "eu" }, after: { name: `shop-${env}`, region: "eu" } } }] }),
    );
    const text = renderMermaid(estateGraph([...apps, pipeline])).text;
    expect(subgraph(text, "production")).toContain('"shop-production · eu"');
    expect(subgraph(text, "staging")).toContain('"shop-staging · eu"');
    expect(classOf(text, idOf(text, "stage staging of shop"))).toBe("create");
    expect(classOf(text, /subgraph (g\d+)\["pipeline shop \(create\)"\]/.exec(text)![1])).toBe("create");
  });

  it(`counts an app's unchanged domains beyond ${FEW}, keeping the changed ones`, () => {
    // GIVEN production with 6 more domains, one of them new in the change
    const domains = (count: number): Resources["heroku_domain"] =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`domain_${i}`, { app_id: "${heroku_app.app.id}", hostname: `d${i}.example.com` }]));
    const base = headEstate((s) => Object.assign(production(s).heroku_domain, domains(5)));
    const head = headEstate((s) => Object.assign(production(s).heroku_domain, domains(6)));
    // WHEN drawn
    const text = diagram(base, head);
    // THEN the new domain is drawn, and the 6 unchanged ones are one count
    expect(classOf(text, idOf(text, "d5.example.com"))).toBe("create");
    expect(text).not.toContain('"d0.example.com"');
    expect(classOf(text, idOf(text, "6 domains unchanged"))).toBe("unchanged");
    // AND staging's 3 add-ons are few enough to be drawn one by one
    expect(subgraph(text, "staging")).toContain('"heroku-redis:mini"');
  });

  it("draws only the apps a change touches when asked, counting the others", () => {
    // GIVEN a change to production only
    const head = headEstate((s) => {
      production(s).heroku_formation.formation_web.quantity = 3;
    });
    const graph: EstateGraph = estateGraph(modelFromTrees(baseEstate(), head, "t", {}).stacks, { changedOnly: true });
    // WHEN drawn
    const text = renderMermaid(graph).text;
    // THEN production's app and its changed formation are drawn, its unchanged parts counted, staging counted
    expect(text).toContain('"web: standard-2x × 2 → 3"');
    expect(text).toContain('"1 process type unchanged"');
    expect(text).toContain('"3 add-ons unchanged"');
    expect(text).not.toContain("flask-demo-staging");
    expect(text).toContain('"1 app unchanged"');
  });
});

describe("secrets in the diagram", () => {
  const PLANTED = ["planted-config-s3cr3t", "planted-literal-s3cr3t", "planted-var-s3cr3t", "old-state-s3cr3t", "state-db-s3cr3t"];

  it("never shows a value: labels are names, plans and hostnames", () => {
    // GIVEN real plans with secrets planted in config vars, sensitive vars, state and an add-on URL
    const stacks = ["production-update", "production-replace", "production-create"].map((name) =>
      stackFromPlanJson(name, JSON.parse(readFileSync(join(FIXTURES, "plans", `${name}.json`), "utf8")) as TerraformPlanJson),
    );
    // AND a tree change that adds a secret-looking config var and a secret from a variable with a value in the environment
    const head = headEstate((s) => {
      production(s).heroku_app.app.config_vars = { ...(production(s).heroku_app.app.config_vars as object), PAYMENTS: "sk_live_51HplantedliveKey0000000000" };
    });
    // WHEN both are drawn
    const texts = [renderMermaid(estateGraph(stacks), { legend: true }).text, diagram(baseEstate(), head, { TF_VAR_production_secret_key: "env-planted-s3cr3t" })];
    // THEN no planted value appears, and neither does a config var's name
    for (const text of texts) {
      for (const secret of [...PLANTED, "sk_live_51Hplantedlive", "env-planted-s3cr3t"]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/PAYMENTS|SECRET_KEY|STRIPE/);
    }
    expect(texts[0]).toContain('"dynoform-production · us"');
  });
});
