import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHclTree } from "../../deploy/hcl";
import { stackToHcl } from "../../deploy/hcl/stack-hcl";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { requiredSecretVariables } from "../../deploy/secrets";
import { loadEstate } from "../../environment-files";
import { installLocalProvider } from "../../provider/install/install-provider";
import { buildEstate } from "../../stacks/estate";
import { LocalEstate } from "../provider/estate-harness";
import { runTerraform, type TerraformRun } from "../provider/terraform-harness";

/**
 * `dynoform synth --hcl`: every stack written as plain Terraform, proven
 * against the JSON it comes from with real terraform and the local provider
 * on the embedded platform — the same plan (resource changes and
 * configuration), for the example estate and a generated 100-environment one.
 */
const ROOT = join(__dirname, "..", "..");
const estate = new LocalEstate();
let cliConfig = "";

beforeAll(async () => {
  await estate.start();
  cliConfig = installLocalProvider(join(estate.dir, "terraform")).cliConfigFile;
});
afterAll(() => estate.close());

/** Terraform in `dir` with the local provider, the platform's key and every secret given a value. */
function terraform(dir: string, args: string[], secrets: readonly string[]): Promise<TerraformRun> {
  const vars = Object.fromEntries(secrets.map((name) => [`TF_VAR_${name}`, `value-of-${name}`]));
  return runTerraform(dir, args, { TF_CLI_CONFIG_FILE: cliConfig, HEROKU_API_KEY: estate.platform.apiKey, ...vars });
}

async function ok(dir: string, args: string[], secrets: readonly string[] = []): Promise<string> {
  const run = await terraform(dir, args, secrets);
  expect(run.code, `terraform ${args.join(" ")} in ${dir}:\n${run.output}`).toBe(0);
  return run.output;
}

/** What must be equal between two plans: the changes and the configuration as Terraform read it. */
async function planOf(dir: string, secrets: readonly string[]): Promise<{ changes: unknown[]; configuration: unknown; variables: unknown }> {
  await ok(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin"], secrets);
  const show = JSON.parse(await ok(dir, ["show", "-json", "plan.bin"], secrets));
  const changes = (show.resource_changes ?? []).map((rc: any) => ({
    address: rc.address,
    previous_address: rc.previous_address,
    actions: rc.change.actions,
    after: rc.change.after,
    after_unknown: rc.change.after_unknown,
    after_sensitive: rc.change.after_sensitive,
    importing: rc.change.importing,
  }));
  return { changes, configuration: withoutTemplateText(show.configuration), variables: show.variables };
}

/**
 * The configuration Terraform read, less one difference of notation: for a
 * JSON template such as "${heroku_app.app.id}" it reports the template text
 * (or the object holding it) as a `constant_value` beside the references; for
 * the same expression in HCL, the references alone; and a JSON constant is
 * its template text (`$${`) where HCL reports its value (`${`).
 */
function withoutTemplateText(value: any): any {
  // JSON's constant values are its template text too: `$${` where HCL reports the value's `${`.
  if (typeof value === "string") return value.replace(/([$%])\1\{/g, "$1{");
  if (Array.isArray(value)) return value.map(withoutTemplateText);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "constant_value" && Array.isArray(value.references) && JSON.stringify(v).includes("${")) continue;
    out[key] = withoutTemplateText(v);
  }
  return out;
}

/** Runs `work` over `items`, `limit` at a time (two cores: terraform and its provider share them). */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** A remote state holding only outputs, standing for an applied stack a pipeline stack reads (internal helper). */
function fakeRemoteState(path: string, outputs: Record<string, string>): void {
  const values = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v, type: "string", sensitive: true }]));
  writeFileSync(path, JSON.stringify({ version: 4, terraform_version: "1.5.0", serial: 1, lineage: "hcl-test", outputs: values, resources: [], check_results: null }));
}

describe("dynoform synth --hcl on the example estate", () => {
  it("writes HCL that init, validate and fmt accept, and that plans exactly as the JSON", async () => {
    // GIVEN the example estate synthesized for the local target, and written as HCL
    const hclDir = join(estate.dir, "hcl");
    const names = writeHclTree(estate.outdir, hclDir);
    expect(names).toEqual(["production", "staging", "pipeline-flask-demo"]);
    const stacks = readSynthesizedTree(estate.outdir);
    const secrets = requiredSecretVariables(stacks);
    expect(secrets).toEqual(["production_secret_key", "staging_secret_key"]);
    // THEN no value is lost on the way: no [object Object], every moved block and variable is there
    const all = names.map((n) => readdirSync(join(hclDir, n)).filter((f) => f.endsWith(".tf")).map((f) => readFileSync(join(hclDir, n, f), "utf8")).join("\n")).join("\n");
    expect(all).not.toContain("[object Object]");
    expect(all.match(/^moved \{/gm)).toHaveLength(2);
    expect(all).toMatch(/variable "production_secret_key" \{\n  description = .*\n  sensitive   = true\n  type        = string\n\}/);
    expect(all).toMatch(/app_id +=  ?data\.terraform_remote_state\.cross-stack-reference-input-production\.outputs\.cross-stack-output-heroku_appappid\n/);
    expect((await terraform(hclDir, ["fmt", "-check", "-recursive"], [])).code).toBe(0);

    // WHEN each stack is planned from its JSON and from its HCL, the environments first (no state yet)
    for (const name of names) {
      const json = join(estate.outdir, "stacks", name);
      const hcl = join(hclDir, name);
      if (name.startsWith("pipeline-")) {
        // the pipeline stack reads the environments' app ids from their state: apply them from JSON
        for (const env of ["production", "staging"]) await ok(join(estate.outdir, "stacks", env), ["apply", "-auto-approve", "-input=false"], secrets);
      }
      await ok(json, ["init", "-input=false"]);
      await ok(hcl, ["init", "-input=false"]);
      expect(await ok(hcl, ["validate"])).toContain("Success! The configuration is valid.");
      // THEN both plans have the same resource changes, configuration and variables
      const [fromJson, fromHcl] = [await planOf(json, secrets), await planOf(hcl, secrets)];
      expect(fromJson.changes.length, name).toBeGreaterThan(0);
      expect(fromHcl.changes, name).toEqual(fromJson.changes);
      expect(fromHcl.configuration, name).toEqual(fromJson.configuration);
      expect(fromHcl.variables, name).toEqual(fromJson.variables);
    }

    // AND once the JSON stacks are applied, the HCL takes over their state with nothing to do
    await ok(join(estate.outdir, "stacks", "pipeline-flask-demo"), ["apply", "-auto-approve", "-input=false"], secrets);
    for (const name of names) {
      const again = await terraform(join(hclDir, name), ["plan", "-detailed-exitcode", "-input=false", "-lock=false"], secrets);
      expect(again.code, `${name}:\n${again.output}`).toBe(0);
    }
  });
});

/** Environment file i of a generated estate: every kind of block and value the constructs write, in turn. */
function generatedEnvironment(i: number): string {
  const stage = ["development", "staging", "production", "review"][i % 4];
  const imported = i % 10 === 7;
  return `app:
  name: hcl-app-${i}
  region: ${i % 2 ? "eu" : "us"}
  buildpacks: [heroku/python]
${imported ? "" : `  source: ${resolve(ROOT, "apps", "flask-demo")}\n`}  acm: ${i % 3 === 1}
  features: [${i % 4 === 2 ? "preboot" : ""}]
config:
  LOG_LEVEL: info
  INDEX: ${i}
  QUOTED: 'say "hi" \\ to C:\\path'
  TEMPLATE_LIKE: "\${not_a_ref} and %{literal} and 100% {braces}"
  MULTI: "line1\\nline2\\ttab"
  UNICODE: "café ✓ ${i}"
  EMPTY: ""
secrets: [${i % 2 ? "SECRET_KEY, API_TOKEN" : "SECRET_KEY"}]
formation:
  web: { size: standard-1x, quantity: ${1 + (i % 3)} }
${i % 5 === 0 ? "  worker: { size: standard-2x, quantity: 1 }\n" : ""}addons:
  - { service: postgres, plan: ${i % 2 ? "standard-0" : "essential-0"}${i % 6 === 0 ? ", version: 16" : ""} }
${i % 3 === 1 ? "  - { service: redis, plan: mini }\n" : ""}${i % 4 === 3 ? "  - { service: scheduler }\n" : ""}domains: [${i % 3 === 0 ? `www.hcl-${i}.example.com, "*.hcl-${i}.example.com"` : ""}]
pipeline: { name: hcl-pipeline-${i % 10}, stage: ${stage} }
${imported ? `import:\n  app: 0b7a5bb4-2f6d-4b0e-9d7b-3a1c5e3f7d${String(i).padStart(2, "0")}\n  addons: { postgres: 5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e${String(i).padStart(2, "0")} }\n` : ""}`;
}

describe("dynoform synth --hcl on a generated 100-environment estate", () => {
  it("writes HCL for all 110 stacks that terraform reads, and samples validate and plan exactly as their JSON", async () => {
    // GIVEN 100 environment files in 10 pipelines, synthesized for the local target and written as HCL
    const dir = mkdtempSync(join(tmpdir(), "dynoform-hcl100-"));
    mkdirSync(join(dir, "environments"));
    for (let i = 0; i < 100; i++) writeFileSync(join(dir, "environments", `env-${i}.yaml`), generatedEnvironment(i));
    const outdir = join(dir, "cdktf.out");
    const stateDir = join(dir, "state");
    mkdirSync(stateDir);
    const app = new App({ outdir });
    buildEstate(app, loadEstate(join(dir, "environments")), { kind: "local", apiUrl: estate.platform.url, stateDir });
    app.synth();
    const hclDir = join(dir, "hcl");
    const names = writeHclTree(outdir, hclDir);
    expect(names).toHaveLength(110);
    const stacks = readSynthesizedTree(outdir);
    const secrets = requiredSecretVariables(stacks);
    expect(secrets).toHaveLength(150);

    // WHEN terraform init reads every HCL folder (it parses every file and block), two at a time
    let started = Date.now();
    await inBatches(names, 2, async (name) => {
      await ok(join(hclDir, name), ["init", "-input=false", "-backend=false"]);
    });
    console.log(`init of ${names.length} stacks: ${Date.now() - started} ms`);
    // THEN terraform validate (which starts the provider, ~1 s a stack) accepts one stack of every
    // variant of the generator (i mod 2, 3, 4, 5, 6 and the imported i mod 10 = 7) and two pipelines,
    // with no warning (a quoted reference would warn)
    started = Date.now();
    const variants = [...Array.from({ length: 13 }, (_, i) => `env-${i}`), "env-17", "env-30", "pipeline-hcl-pipeline-0", "pipeline-hcl-pipeline-7"];
    await inBatches(variants, 2, async (name) => {
      const valid = await terraform(join(hclDir, name), ["validate", "-json"], []);
      const report = JSON.parse(valid.output);
      expect({ name, valid: report.valid, diagnostics: report.diagnostics }).toEqual({ name, valid: true, diagnostics: [] });
    });
    console.log(`validate of ${variants.length} stacks: ${Date.now() - started} ms`);
    started = Date.now();

    // AND a sample plans exactly as its JSON: with domains and a worker, redis, scheduler, two secrets, and a pipeline
    // (an imported environment plans only against live apps: its import blocks are checked as text and validated above)
    const sample = ["env-0", "env-13", "env-42", "pipeline-hcl-pipeline-7"];
    for (const member of [7, 17, 27, 37, 47, 57, 67, 77, 87, 97]) {
      fakeRemoteState(join(stateDir, `env-${member}.tfstate`), { "cross-stack-output-heroku_appappid": `0b7a5bb4-2f6d-4b0e-9d7b-3a1c5e3f7d${member}` });
    }
    await inBatches(sample, 2, async (name) => {
      const json = join(outdir, "stacks", name);
      const hcl = join(hclDir, name);
      await ok(json, ["init", "-input=false"]);
      await ok(hcl, ["init", "-input=false", "-reconfigure"]);
      const [fromJson, fromHcl] = [await planOf(json, secrets), await planOf(hcl, secrets)];
      expect(fromJson.changes.length, name).toBeGreaterThan(0);
      expect(fromHcl.changes, name).toEqual(fromJson.changes);
      expect(fromHcl.configuration, name).toEqual(fromJson.configuration);
      expect(fromHcl.variables, name).toEqual(fromJson.variables);
    });
    console.log(`plans of ${sample.length} stacks, JSON and HCL: ${Date.now() - started} ms`);
    // AND every import block of the imported environment is there, with its id
    const imports = [...readFileSync(join(hclDir, "env-7", "main.tf"), "utf8").matchAll(/^import \{\n  id = "([^"]+)"\n  to = (\S+)\n\}/gm)].map((m) => `${m[2]} ${m[1]}`);
    const jsonImports = (stacks.find((s) => s.name === "env-7")!.json as any).import.map((i: any) => `${i.to} ${i.id}`);
    expect(imports).toEqual(jsonImports);
    expect(imports).toHaveLength(3);
  });
});

describe("the HCL writer, value by value", () => {
  it("writes templates, whole references, literal defaults and nested blocks as Terraform reads the JSON", () => {
    // GIVEN a stack holding the values that differ between JSON and HCL
    const files = stackToHcl({
      variable: { v: { type: "${map(string)}", default: { "a.b": "${not_a_ref} %{x}" }, sensitive: true } },
      resource: {
        heroku_build: {
          b: { app_id: '${lookup(var.v, "a.b")}', buildpacks: ["x/${var.v}", "${var.v}"], source: [{ path: 'p\\"q' }], lifecycle: { ignore_changes: ["source"] } },
        },
      },
      output: { o: { value: "${heroku_build.b.id}-\n$${x}", depends_on: ["heroku_build.b"] } },
    });
    // THEN a whole interpolation is bare, a mixed one stays a template, literals are escaped as needed
    expect(files["main.tf"]).toContain('app_id = lookup(var.v, "a.b")');
    expect(files["main.tf"]).toContain('"x/${var.v}",\n    var.v,');
    expect(files["main.tf"]).toContain('  source {\n    path = "p\\\\\\"q"\n  }');
    expect(files["main.tf"]).toContain("ignore_changes = [source]");
    expect(files["variables.tf"]).toContain('type = map(string)');
    expect(files["variables.tf"]).toContain('"a.b" = "$${not_a_ref} %%{x}"');
    expect(files["outputs.tf"]).toContain('value      = "${heroku_build.b.id}-\\n$${x}"');
    expect(files["outputs.tf"]).toContain("depends_on = [heroku_build.b]");
  });

  it("refuses what it cannot write faithfully, by name", () => {
    expect(() => stackToHcl({ resource: { heroku_app: { a: { name: "x", provisioner: [{ "local-exec": {} }] } } } })).toThrow(/resource\.heroku_app\.a\.provisioner: not supported/);
    expect(() => stackToHcl({ resource: { heroku_app: { a: { nmae: "x" } } } })).toThrow(/resource\.heroku_app\.a: "nmae" is neither an argument nor a block/);
    expect(() => stackToHcl({ module: { m: { source: "./m" } } })).toThrow(/module: not supported/);
  });
});
