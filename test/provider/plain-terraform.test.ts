import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../run-process";
import { HEROKU_CLI } from "../setup/heroku-cli";

/**
 * Plain Terraform, pointed at the embedded platform by nothing but
 * `eval "$(npx dynoform platform env)"`: the README's HCL configuration,
 * as written, is initialized and applied by the real terraform binary with
 * the printed environment, and the platform then has what it describes.
 */
const ROOT = join(__dirname, "..", "..");
const bin = join(ROOT, "bin", "dynoform.js");
const data = mkdtempSync(join(tmpdir(), "dynoform-plain-tf-platform-"));
const dynoform = (...args: string[]) => spawnSync(process.execPath, [bin, "platform", ...args, "--data", data], { encoding: "utf8" });

/** The README's ```hcl plain-terraform block (internal helper). */
function readmeHcl(): string {
  const match = /^```hcl plain-terraform\n([\s\S]*?)^```$/m.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  if (!match) throw new Error("README.md has no ```hcl plain-terraform block");
  return match[1];
}

/** What `platform env` prints, as the shell's eval would set it (values are plain words or single-quoted). */
function evalExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.trim().split("\n")) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (!match) throw new Error(`not an export: ${line}`);
    env[match[1]] = match[2].startsWith("'") ? match[2].slice(1, -1).replace(/'\\''/g, "'") : match[2];
  }
  return env;
}

beforeAll(() => {
  expect(dynoform("start", "--port", "0").status).toBe(0);
});

afterAll(() => {
  dynoform("stop");
});

describe("plain Terraform with `platform env`", () => {
  it("prints TF_CLI_CONFIG_FILE: heroku/heroku from the local mirror, everything else direct", () => {
    const env = evalExports(execFileSync(process.execPath, [bin, "platform", "env", "--data", data], { encoding: "utf8" }));
    expect(env.TF_CLI_CONFIG_FILE).toBe(join(data, "terraform", "cli.tfrc"));
    const config = readFileSync(env.TF_CLI_CONFIG_FILE, "utf8");
    expect(config).toMatch(/filesystem_mirror \{\n\s+path\s+= "[^"]+"\n\s+include = \["registry\.terraform\.io\/heroku\/heroku"\]/);
    expect(config).toMatch(/direct \{\n\s+exclude = \["registry\.terraform\.io\/heroku\/heroku"\]/);
  });

  it("terraform init and apply of the README's HCL create the app, its config, build and formation on the platform", async () => {
    // GIVEN a scratch directory with the README's main.tf and an app/ folder with a Procfile
    const dir = mkdtempSync(join(tmpdir(), "dynoform-plain-tf-"));
    writeFileSync(join(dir, "main.tf"), readmeHcl());
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app", "Procfile"), "web: python app.py\n");
    writeFileSync(join(dir, "app", "app.py"), "print('hello')\n");
    // AND only what `eval "$(npx dynoform platform env)"` sets, in a shell with no Terraform settings of its own
    const printed = evalExports(execFileSync(process.execPath, [bin, "platform", "env", "--data", data], { encoding: "utf8" }));
    const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "dynoform-plain-tf-home-")), ...printed };
    // WHEN terraform init and apply run there
    const init = await runProcess("terraform", ["init", "-no-color"], { cwd: dir, env });
    expect(init.output).toContain("Installing heroku/heroku v5.3.2");
    expect(init.code, init.output).toBe(0);
    const apply = await runProcess("terraform", ["apply", "-auto-approve", "-no-color"], { cwd: dir, env });
    expect(apply.code, apply.output).toBe(0);
    expect(apply.output).toContain("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.");
    // THEN the platform has the app, its config var and a web dyno
    const get = async (path: string) => {
      const response = await fetch(`${printed.HEROKU_API_URL}${path}`, {
        headers: { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${printed.HEROKU_API_KEY}` },
      });
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(await get("/apps/shop-hcl")).toMatchObject({ name: "shop-hcl", region: { name: "eu" } });
    expect(await get("/apps/shop-hcl/config-vars")).toMatchObject({ LOG_LEVEL: "info" });
    expect(await get("/apps/shop-hcl/formation/web")).toMatchObject({ type: "web", quantity: 1 });
    // AND the heroku CLI, with the same env, shows the web dyno as the README's `heroku ps` would
    const ps = await runProcess(HEROKU_CLI, ["ps", "-a", "shop-hcl"], { cwd: dir, env });
    expect(ps.output).toMatch(/=== web \(Basic\): python app\.py \(1\)\n+web\.1: up/);
    // AND a second plan has nothing to do
    const plan = await runProcess("terraform", ["plan", "-detailed-exitcode", "-no-color"], { cwd: dir, env });
    expect(plan.code, plan.output).toBe(0);
  });
});
