import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeployTarget } from "../../constructs";
import { describeOrphan, findOrphanedStacks } from "../../deploy/orphans";
import type { SynthesizedStack } from "../../deploy/secrets";

/** A synthesized stack whose local backend keeps its state at `path`. */
const synthesized = (name: string, path: string): SynthesizedStack => ({ name, json: { terraform: { backend: { local: { path } } } } });

const state = (resources: Array<{ type: string; name: string; attributes?: Record<string, unknown> }>) =>
  JSON.stringify({
    version: 4,
    resources: resources.map((r) => ({ mode: "managed", type: r.type, name: r.name, instances: [{ attributes: r.attributes ?? {} }] })),
  });

describe("orphaned stacks", () => {
  it("finds the local state of a stack no longer synthesized, and nothing else", () => {
    // GIVEN a local state folder with staging (still synthesized), production (gone from the code, with an app),
    // a stack destroyed earlier (no resources), one whose state terraform only locked (empty file), and a backup
    const dir = mkdtempSync(join(tmpdir(), "dynoform-state-"));
    writeFileSync(join(dir, "staging.tfstate"), state([{ type: "heroku_app", name: "app" }]));
    writeFileSync(join(dir, "production.tfstate"), state([{ type: "heroku_app", name: "app", attributes: { name: "shop-production" } }, { type: "heroku_formation", name: "web" }]));
    writeFileSync(join(dir, "production.tfstate.backup"), state([{ type: "heroku_app", name: "app" }]));
    writeFileSync(join(dir, "old.tfstate"), state([]));
    writeFileSync(join(dir, "locked.tfstate"), "");
    // WHEN the deploy looks for orphans next to the synthesized staging stack's state
    const orphans = findOrphanedStacks([synthesized("staging", join(dir, "staging.tfstate"))]);
    // THEN only production is orphaned, with its resources and its app's name
    expect(orphans).toEqual([
      { name: "production", stateFile: join(dir, "production.tfstate"), resources: ["heroku_app.app", "heroku_formation.web"], apps: ["shop-production"] },
    ]);
    expect(describeOrphan(orphans[0], DeployTarget.local({ apiUrl: "http://127.0.0.1:1", stateDir: dir }))).toBe(
      `orphaned stack production: no longer in the code, but its state (${join(dir, "production.tfstate")}) holds 2 resources (app shop-production) ` +
        "that keep running and billing, unmanaged; `npx dynoform deploy --target local --destroy-orphans` destroys them",
    );
  });

  it("finds cdktf's default state files for real Heroku in the project, named terraform.<stack>.tfstate", () => {
    // GIVEN a project folder with the state of staging and of a dropped stack "qa"
    const project = mkdtempSync(join(tmpdir(), "dynoform-project-"));
    mkdirSync(join(project, "cdktf.out"));
    writeFileSync(join(project, "terraform.staging.tfstate"), state([{ type: "heroku_app", name: "app" }]));
    writeFileSync(join(project, "terraform.qa.tfstate"), state([{ type: "heroku_pipeline_coupling", name: "qa" }]));
    // THEN qa is orphaned, and no other file of the project is taken for state
    const orphans = findOrphanedStacks([synthesized("staging", join(project, "terraform.staging.tfstate"))]);
    expect(orphans.map((o) => `${o.name} ${o.resources.join(",")} ${o.apps.length}`)).toEqual(["qa heroku_pipeline_coupling.qa 0"]);
  });

  it("finds nothing before the first deploy", () => {
    expect(findOrphanedStacks([synthesized("staging", join(tmpdir(), "dynoform-none", "staging.tfstate"))])).toEqual([]);
  });
});
