/**
 * Synth of an estate of N environments, written as YAML and synthesized by
 * dynoform (`dynoform N DIR`, DIR holding the estate's files), or the same
 * resources written with the raw generated L1 classes (`l1 N`). Each side
 * imports only its own modules, so the process's wall time is its own too.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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

/** Writes an estate's files, before any clock starts: in real use they are already on disk. */
export function writeEstate(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-bench-env-"));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `env-${i}.yaml`), environmentYaml(i));
  return dir;
}

/** Synthesizes the estate; returns when its files were loaded (YAML, zod, disk checks), to split the time. */
async function synthDynoform(dir: string, outdir: string): Promise<{ started: bigint; loaded: bigint }> {
  const [{ App }, { loadEstate }, { buildEstate }] = await Promise.all([import("cdktf"), import("../../environment-files"), import("../../stacks/estate")]);
  const started = process.hrtime.bigint();
  const estate = loadEstate(dir);
  const loaded = process.hrtime.bigint();
  const app = new App({ outdir });
  buildEstate(app, estate, { kind: "heroku" });
  app.synth();
  return { started, loaded };
}

/** The same resources, written by hand with the L1 classes: the baseline. */
async function synthL1(n: number, outdir: string): Promise<{ started: bigint; loaded: bigint }> {
  const [cdktf, { Addon }, { App: AppResource }, { Build }, { Formation }, { HerokuProvider }] = await Promise.all([
    import("cdktf"),
    import("../../.gen/providers/heroku/addon"),
    import("../../.gen/providers/heroku/app"),
    import("../../.gen/providers/heroku/build"),
    import("../../.gen/providers/heroku/formation"),
    import("../../.gen/providers/heroku/provider"),
  ]);
  const started = process.hrtime.bigint();
  const app = new cdktf.App({ outdir });
  for (let i = 0; i < n; i++) {
    const stack = new cdktf.TerraformStack(app, `env-${i}`);
    new HerokuProvider(stack, "heroku", { customizations: [{ setAddonConfigVarsInState: false, setAppAllConfigVarsInState: false }] });
    const herokuApp = new AppResource(stack, "app", {
      name: `bench-app-${i}`,
      region: "us",
      stack: "heroku-24",
      buildpacks: ["heroku/python"],
      acm: false,
      configVars: { LOG_LEVEL: "info", WEB_CONCURRENCY: "2" },
      sensitiveConfigVars: { SECRET_KEY: new cdktf.TerraformVariable(stack, "secret", { type: "string", sensitive: true }).stringValue },
    });
    const asset = new cdktf.TerraformAsset(stack, "source", { path: SOURCE, type: cdktf.AssetType.DIRECTORY });
    const build = new Build(stack, "build", { appId: herokuApp.id, buildpacks: ["heroku/python"], source: { path: asset.path } });
    new Formation(stack, "web", { appId: herokuApp.id, type: "web", size: "standard-1x", quantity: 2, dependsOn: [build] });
    new Formation(stack, "worker", { appId: herokuApp.id, type: "worker", size: "standard-1x", quantity: 1, dependsOn: [build] });
    new Addon(stack, "db", { appId: herokuApp.id, plan: "heroku-postgresql:essential-0", lifecycle: { preventDestroy: false } });
    new Addon(stack, "cache", { appId: herokuApp.id, plan: "heroku-redis:mini", lifecycle: { preventDestroy: false } });
  }
  app.synth();
  return { started, loaded: started };
}

export default async function run([mode, count, estateDir]: string[]): Promise<Record<string, number | string>> {
  const n = Number(count);
  if (mode !== "dynoform" && mode !== "l1") throw new Error(`synth bench mode "${mode}" is not dynoform or l1`);
  if (mode === "dynoform" && !estateDir) throw new Error("synth bench mode dynoform needs the estate's folder");
  const outdir = mkdtempSync(join(tmpdir(), "dynoform-bench-out-"));
  const { started, loaded } = mode === "dynoform" ? await synthDynoform(estateDir, outdir) : await synthL1(n, outdir);
  const ended = process.hrtime.bigint();
  const ms = (from: bigint, to: bigint) => Math.round(Number(to - from) / 1e6);
  // loadMs: reading and validating the YAML files, which raw L1 code does not do; buildSynthMs: the rest.
  return { mode, environments: n, synthMs: ms(started, ended), loadMs: ms(started, loaded), buildSynthMs: ms(loaded, ended) };
}
