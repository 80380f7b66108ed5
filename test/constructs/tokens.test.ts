/** Tokens (Terraform variables, references) are not known until apply: never judged, while what is known still is. */
import { TerraformVariable, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { DynoSize, HerokuApp, PostgresAddon } from "../../constructs";
import { problems, synth } from "./synth";

describe("Tokens", () => {
  it("a formation quantity from a Terraform variable synthesizes without a problem", () => {
    // GIVEN quantities from a variable, both ways cdktf offers (one beyond eco's 1 once applied, perhaps)
    const json = synth((s) => {
      const dynos = new TerraformVariable(s, "web_dynos", { type: "number" });
      const app = new HerokuApp(s, "app", { name: "shop" });
      app.addProcess("web", { size: DynoSize.ECO, quantity: dynos.numberValue });
      app.addProcess("worker", { size: DynoSize.ECO, quantity: Token.asNumber(dynos.value) });
    });
    // THEN the formation refers to the variable
    const formations = Object.values(json.resource.heroku_formation) as any[];
    expect(formations.map((f) => f.quantity)).toEqual(["${var.web_dynos}", "${var.web_dynos}"]);
  });

  it("an app name from a Terraform variable synthesizes without a problem", () => {
    const json = synth((s) => {
      const name = new TerraformVariable(s, "app_name", { type: "string" });
      const app = new HerokuApp(s, "app", { name: name.stringValue, environment: "review" });
      app.addProcess("web", {});
      app.addDomain("review.example.com");
      app.addSecret("SECRET_KEY");
      new PostgresAddon(s, "db", { app });
    });
    const [app] = Object.values(json.resource.heroku_app) as any[];
    expect(app.name).toBe("${var.app_name}");
    expect(json.variable.review_secret_key).toMatchObject({ sensitive: true });
  });

  it("still judges what is known next to a Token", () => {
    // GIVEN a bad size next to a quantity from a variable, on an app whose name is a variable too
    const found = problems((s) => {
      const dynos = new TerraformVariable(s, "dynos", { type: "number" });
      const app = new HerokuApp(s, "app", { name: "shop" });
      app.addProcess("web", { size: "huge" as any, quantity: dynos.numberValue });
      app.addProcess("worker", { size: DynoSize.ECO, quantity: 2 });
    });
    // THEN both known problems are reported, the Token quantity is not
    expect(found).toEqual([
      'app shop: formation.web.size: "huge" is not a dyno size',
      "app shop: formation.worker.quantity: 2 is too many eco dynos: eco runs at most 1 dyno per process type",
    ]);
  });

  it("names an app whose name is a Token by its construct path", () => {
    const found = problems((s) => {
      const name = new TerraformVariable(s, "app_name", { type: "string" });
      new HerokuApp(s, "app", { name: name.stringValue }).addFeature("prebot");
    });
    expect(found).toEqual(['app test/app: app.features[0]: "prebot" is not an app feature (did you mean preboot?)']);
  });
});

describe("literal config var values", () => {
  it("escapes what Terraform would read as a template, so a value never interpolates a variable", () => {
    // GIVEN config var values that look like Terraform templates
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop", configVars: { PATH_EXTRA: "${HOME}/bin" } });
      app.addConfigVar("GREETING", "%{if true}hi%{endif} ${var.staging_secret_key}");
    });
    // THEN cdk.tf.json carries them escaped: Terraform reads back exactly what was written
    const [app] = Object.values(json.resource.heroku_app) as any[];
    expect(app.config_vars).toEqual({ PATH_EXTRA: "$${HOME}/bin", GREETING: "%%{if true}hi%%{endif} $${var.staging_secret_key}" });
  });
});
