import { App } from "cdktf";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeployTarget, StateBackend } from "../../constructs";
import { loadEstate, loadProjectConfig, SpecError } from "../../environment-files";
import { buildEstate } from "../../stacks/estate";

/** A dynoform.yaml in a scratch folder (internal helper). */
function projectFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "dynoform-project-")), "dynoform.yaml");
  writeFileSync(file, text);
  return file;
}

/** The located problems loading a project file reports, none when it loads (internal helper). */
function loadProblems(file: string): readonly string[] {
  try {
    loadProjectConfig(file);
    return [];
  } catch (error) {
    return (error as SpecError).problems;
  }
}

describe("dynoform.yaml", () => {
  it("chooses each target's state backend, and the stacks keep their state there", () => {
    // GIVEN a project that keeps real Heroku's state in Postgres
    const config = loadProjectConfig(projectFile("state:\n  heroku: { backend: pg, schemaPrefix: shop }\n"));
    // WHEN the example estate is synthesized for Heroku with that choice
    const outdir = mkdtempSync(join(tmpdir(), "dynoform-project-synth-"));
    const app = new App({ outdir });
    buildEstate(app, loadEstate("environments"), DeployTarget.HEROKU, StateBackend.fromSettings(config.state.heroku!));
    app.synth();
    // THEN every stack names its schema, and no connection string is written
    for (const stack of ["staging", "production", "pipeline-flask-demo"]) {
      const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(json.terraform.backend).toEqual({ pg: { schema_name: `shop_${stack.replace(/-/g, "_")}` } });
    }
    expect(config.state.local).toBeUndefined();
  });

  it("is optional: without it every target keeps local state", () => {
    expect(loadProjectConfig(join(tmpdir(), "no-such-dir", "dynoform.yaml"))).toEqual({ state: {}, teams: {} });
  });

  it("reports a misspelt backend and a key that would put a secret in a file, located", () => {
    // GIVEN a file with an unknown backend and a connection string in it
    const file = projectFile("state:\n  heroku: { backend: postgres }\n  local:\n    backend: pg\n    connStr: postgres://u:p@db/x\n");
    // WHEN it is loaded
    const problems = loadProblems(file);
    // THEN each is one located line, and the connection string is refused
    expect(problems).toEqual([
      `${file}:2:13: state.heroku.backend: "postgres" is not a state backend: local, pg, s3, http, cloud`,
      `${file}:5:5: state.local.connStr: unknown key "connStr"`,
    ]);
  });

  it("lists each team's members, and reports a role Heroku lacks and an email twice, located", () => {
    // GIVEN acme's members with a misspelt role and bob twice
    const file = projectFile(
      "teams:\n  acme:\n    members:\n      - { email: alice@example.com, role: admin }\n      - { email: bob@example.com, role: veiwer }\n      - email: bob@example.com\n        role: member\n",
    );
    // WHEN it is loaded
    const problems = loadProblems(file);
    // THEN each is one located line naming the value
    expect(problems).toEqual([
      `${file}:5:35: teams.acme.members[1].role: "veiwer" is not a team role (did you mean viewer?)`,
    ]);
    // AND with the role fixed, the email given twice is reported at the later one
    const fixed = projectFile(
      "teams:\n  acme:\n    members:\n      - { email: alice@example.com, role: admin }\n      - { email: bob@example.com, role: viewer }\n      - email: bob@example.com\n        role: member\n",
    );
    expect(() => loadProjectConfig(fixed)).toThrow(`${fixed}:6:9: teams.acme.members[2].email: "bob@example.com" is listed twice`);
    // AND a valid file gives the members, not federated by default
    expect(loadProjectConfig(projectFile("teams:\n  acme:\n    members: [{ email: alice@example.com, role: admin }]\n")).teams).toEqual({
      acme: { members: [{ email: "alice@example.com", role: "admin", federated: false }] },
    });
  });
});
