import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CreateJournal } from "../../provider/engine/create-journal";
import { UNKNOWN } from "../../provider/protocol/cty";

function journal() {
  const file = join(mkdtempSync(join(tmpdir(), "dynoform-journal-")), "journal.jsonl");
  return { file, journal: new CreateJournal(file) };
}

describe("create journal", () => {
  it("reports a create Terraform never acknowledged as an orphan", () => {
    // GIVEN two creates, one of which Terraform later read back (so it is in its state)
    const { journal: j } = journal();
    j.created("heroku_app", "k1", "app-1");
    j.created("heroku_app", "k2", "app-2");
    j.acknowledged("app-1");
    // THEN only the other one is an orphan
    expect(j.orphans()).toEqual([{ id: "app-2", type: "heroku_app", key: "k2" }]);
  });

  it("forgets what was deleted", () => {
    const { journal: j } = journal();
    j.created("heroku_domain", "k", "d-1");
    j.deleted("d-1");
    expect(j.orphans()).toEqual([]);
  });

  it("keys a create by its configuration, never storing values", () => {
    // GIVEN the same planned config, once with a still-unknown computed id
    const a = CreateJournal.key("heroku_app", { name: "a", sensitive_config_vars: { S: "s3cret" }, id: UNKNOWN }, ["name", "sensitive_config_vars"]);
    const b = CreateJournal.key("heroku_app", { name: "a", sensitive_config_vars: { S: "s3cret" }, id: null }, ["name", "sensitive_config_vars"]);
    const c = CreateJournal.key("heroku_app", { name: "b", sensitive_config_vars: { S: "s3cret" } }, ["name", "sensitive_config_vars"]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    const { file, journal: j } = journal();
    j.created("heroku_app", a, "app-1");
    expect(readFileSync(file, "utf8")).not.toContain("s3cret");
  });
});
