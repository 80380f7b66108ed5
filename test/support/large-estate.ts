/**
 * A large estate as synthesized trees, written the way dynoform's stacks
 * write them (an app with its record, build, formation, Postgres and Redis,
 * a domain in production, a secret, the cross-stack output its pipeline
 * reads), and a change to every environment of it. No synth runs: the review
 * of such an estate is measured and tested on its own.
 */
import type { TreeStack } from "../../review/from-trees";

type Json = Record<string, unknown>;

/** Environment `i` of the estate: `staging-K` or `production-K` of pipeline `shop-K` (internal helper). */
function environmentOf(i: number): { name: string; production: boolean; pipeline: string } {
  const k = Math.floor(i / 2);
  const production = i % 2 === 1;
  return { name: `${production ? "production" : "staging"}-${k}`, production, pipeline: `shop-${k}` };
}

const APP_ID = "${heroku_app.app.id}";

function environmentStack(i: number): TreeStack {
  const { name, production } = environmentOf(i);
  const variable = `${name.replace(/-/g, "_")}_secret_key`;
  const resource: Record<string, Record<string, Json>> = {
    heroku_app: {
      app: {
        "//": { dynoform: { environment: name } },
        name: `shop-${name}`,
        region: "us",
        stack: "heroku-24",
        acm: production,
        buildpacks: ["heroku/python"],
        config_vars: { LOG_LEVEL: "info", WEB_CONCURRENCY: "2" },
        sensitive_config_vars: { SECRET_KEY: `\${var.${variable}}` },
      },
    },
    heroku_build: { app_build: { app_id: APP_ID, buildpacks: ["heroku/python"], source: { path: "assets/source-shop/0123456789ABCDEF" } } },
    heroku_formation: {
      formation_web: { app_id: APP_ID, type: "web", size: production ? "standard-2x" : "basic", quantity: production ? 2 : 1, depends_on: ["heroku_build.app_build"] },
      formation_worker: { app_id: APP_ID, type: "worker", size: production ? "standard-1x" : "basic", quantity: 1, depends_on: ["heroku_build.app_build"] },
    },
    heroku_addon: {
      postgres: { app_id: APP_ID, plan: production ? "heroku-postgresql:premium-0" : "heroku-postgresql:essential-0", config: { version: "16" }, lifecycle: { prevent_destroy: production } },
      redis: { app_id: APP_ID, plan: production ? "heroku-redis:premium-0" : "heroku-redis:mini", lifecycle: { prevent_destroy: production } },
    },
  };
  if (production) resource.heroku_domain = { domain_www: { app_id: APP_ID, hostname: `www.shop-${i}.example.com` } };
  return {
    name,
    json: {
      resource,
      variable: { [variable]: { type: "string", sensitive: true } },
      output: { "cross-stack-output-heroku_appappid": { value: APP_ID, sensitive: true } },
    },
  };
}

function pipelineStack(k: number): TreeStack {
  const coupling = (stage: string): Json => ({
    app_id: `\${data.terraform_remote_state.cross-stack-reference-input-${stage}-${k}.outputs.cross-stack-output-heroku_appappid}`,
    pipeline: "${heroku_pipeline.pipeline.id}",
    stage,
  });
  return {
    name: `pipeline-shop-${k}`,
    json: {
      resource: {
        heroku_pipeline: { pipeline: { name: `shop-${k}` } },
        heroku_pipeline_coupling: { staging: coupling("staging"), production: coupling("production") },
      },
    },
  };
}

/** `environments` environment stacks (a staging and a production per pipeline) and their pipelines' stacks. */
export function largeEstate(environments: number): TreeStack[] {
  const stacks = Array.from({ length: environments }, (_, i) => environmentStack(i));
  const pipelines = Array.from({ length: Math.ceil(environments / 2) }, (_, k) => pipelineStack(k));
  return [...stacks, ...pipelines];
}

/**
 * A change to every environment: staging logs at debug, production runs a
 * third web dyno. Every 10th production moves Postgres to a cheaper plan
 * (a downgrade risk and an HA violation) and every 25th staging moves to
 * the EU (its app and all on it replaced: risks); one production gets a
 * secret no deploy has a value for.
 */
export function largeEstateChange(environments: number): { base: TreeStack[]; head: TreeStack[] } {
  const base = largeEstate(environments);
  const head = structuredClone(base);
  for (const [i, stack] of head.slice(0, environments).entries()) {
    const { production } = environmentOf(i);
    const resource = (stack.json as { resource: Record<string, Record<string, Json>> }).resource;
    const app = resource.heroku_app.app;
    if (production) resource.heroku_formation.formation_web.quantity = 3;
    else (app.config_vars as Json).LOG_LEVEL = "debug";
    if (production && i % 20 === 1) resource.heroku_addon.postgres.plan = "heroku-postgresql:standard-0";
    if (!production && i % 50 === 0) app.region = "eu";
  }
  const first = head[1].json as { resource: Record<string, Record<string, Json>>; variable: Json };
  (first.resource.heroku_app.app.sensitive_config_vars as Json).STRIPE_API_KEY = "${var.production_0_stripe_api_key}";
  first.variable.production_0_stripe_api_key = { type: "string", sensitive: true };
  return { base, head };
}
