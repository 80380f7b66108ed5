/**
 * Synth of an estate of N environments, written as YAML and synthesized by
 * dynoform (`dynoform N`), or the same resources written with the raw
 * generated L1 classes (`l1 N`). Prints the synth wall time in ms.
 */
import { App, AssetType, TerraformAsset, TerraformStack, TerraformVariable } from "cdktf";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Addon } from "../../.gen/providers/heroku/addon";
import { App as AppResource } from "../../.gen/providers/heroku/app";
import { Build } from "../../.gen/providers/heroku/build";
import { Formation } from "../../.gen/providers/heroku/formation";
import { HerokuProvider } from "../../.gen/providers/heroku/provider";
import { loadEstate } from "../../spec";
import { buildEstate } from "../../stacks/estate";

const SOURCE = resolve(__dirname, "..", "..", "apps", "flask-demo");

/** The environment file of estate member i (internal helper). */
function environmentYaml(i: number): string {
  return `app:
  name: bench-app-${i}
  region: us
  buildpacks: [heroku/python]
  source: ${SOURCE}
config:
  LOG_LEVEL: info
  WEB_CONCURRENCY: "2"
secrets: [SECRET_KEY]
formation:
  web: { size: standard-1x, quantity: 2 }
  worker: { size: standard-1x, quantity: 1 }
addons:
  - service: postgres
    plan: essential-0
  - service: redis
    plan: mini
`;
}

/** The estate's files, written before the clock starts: in real use they are already on disk. */
function writeEstate(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-bench-env-"));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `env-${i}.yaml`), environmentYaml(i));
  return dir;
}

/** Synthesizes the estate; returns when its files were loaded (YAML, zod, disk checks), to split the time. */
function synthDynoform(dir: string, outdir: string): bigint {
  const estate = loadEstate(dir);
  const loaded = process.hrtime.bigint();
  const app = new App({ outdir });
  buildEstate(app, estate, { kind: "heroku" });
  app.synth();
  return loaded;
}

/** The same resources, written by hand with the L1 classes: the baseline. */
function synthL1(n: number, outdir: string): void {
  const app = new App({ outdir });
  for (let i = 0; i < n; i++) {
    const stack = new TerraformStack(app, `env-${i}`);
    new HerokuProvider(stack, "heroku", { customizations: [{ setAddonConfigVarsInState: false, setAppAllConfigVarsInState: false }] });
    const herokuApp = new AppResource(stack, "app", {
      name: `bench-app-${i}`,
      region: "us",
      stack: "heroku-24",
      buildpacks: ["heroku/python"],
      acm: false,
      configVars: { LOG_LEVEL: "info", WEB_CONCURRENCY: "2" },
      sensitiveConfigVars: { SECRET_KEY: new TerraformVariable(stack, "secret", { type: "string", sensitive: true }).stringValue },
    });
    const asset = new TerraformAsset(stack, "source", { path: SOURCE, type: AssetType.DIRECTORY });
    const build = new Build(stack, "build", { appId: herokuApp.id, buildpacks: ["heroku/python"], source: { path: asset.path } });
    new Formation(stack, "web", { appId: herokuApp.id, type: "web", size: "standard-1x", quantity: 2, dependsOn: [build] });
    new Formation(stack, "worker", { appId: herokuApp.id, type: "worker", size: "standard-1x", quantity: 1, dependsOn: [build] });
    new Addon(stack, "db", { appId: herokuApp.id, plan: "heroku-postgresql:essential-0", lifecycle: { preventDestroy: false } });
    new Addon(stack, "cache", { appId: herokuApp.id, plan: "heroku-redis:mini", lifecycle: { preventDestroy: false } });
  }
  app.synth();
}

export default async function run([mode, count]: string[]): Promise<Record<string, number | string>> {
  const n = Number(count);
  if (mode !== "dynoform" && mode !== "l1") throw new Error(`synth bench mode "${mode}" is not dynoform or l1`);
  const outdir = mkdtempSync(join(tmpdir(), "dynoform-bench-out-"));
  const estateDir = mode === "dynoform" ? writeEstate(n) : "";
  const started = process.hrtime.bigint();
  const loaded = mode === "dynoform" ? synthDynoform(estateDir, outdir) : (synthL1(n, outdir), started);
  const ms = (from: bigint, to: bigint) => Math.round(Number(to - from) / 1e6);
  const ended = process.hrtime.bigint();
  // loadMs: reading and validating the YAML files, which raw L1 code does not do; buildSynthMs: the rest.
  return { mode, environments: n, synthMs: ms(started, ended), loadMs: ms(started, loaded), buildSynthMs: ms(loaded, ended) };
}
