import { describe, expect, it } from "vitest";
import { TerraformDir } from "./terraform-harness";

describe("the local provider under real terraform", () => {
  it("installs from the filesystem mirror as heroku/heroku 5.3.2 and applies a resource", async () => {
    // GIVEN a configuration with a heroku_config (state-only, no API call)
    const tf = new TerraformDir({ HEROKU_API_KEY: "unused" }).write(`
resource "heroku_config" "common" {
  vars = { LOG_LEVEL = "info" }
  sensitive_vars = { TOKEN = "s3cret" }
}
output "level" { value = heroku_config.common.vars.LOG_LEVEL }
`);
    // WHEN terraform initializes, applies and plans again
    const init = await tf.run("init");
    const apply = await tf.run("apply", "-auto-approve");
    const again = await tf.run("plan", "-detailed-exitcode");
    // THEN the mirror's package is used, the value comes out, and nothing is left to do
    expect(init.output).toMatch(/Installed heroku\/heroku v5\.3\.2/);
    expect(apply.code).toBe(0);
    expect(apply.output).toMatch(/level = "info"/);
    expect(apply.output).not.toContain("s3cret");
    expect(again.code).toBe(0);
  });


  it("fails a plan with the attribute's location when a value breaks the provider's rules", async () => {
    const tf = new TerraformDir({ HEROKU_API_KEY: "unused" }).write(`
resource "heroku_pipeline_coupling" "c" {
  app_id   = "00000000-0000-0000-0000-000000000000"
  pipeline = "00000000-0000-0000-0000-000000000001"
  stage    = "qa"
}
`);
    await tf.run("init");
    const validate = await tf.run("validate");
    expect(validate.code).not.toBe(0);
    expect(validate.output).toMatch(/expected stage to be one of \[review development staging production\], got qa/);
    expect(validate.output).toMatch(/stage\s+= "qa"/);
  });
});
