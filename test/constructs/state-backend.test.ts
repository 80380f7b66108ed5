import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { DeployTarget, DynoformStack, StateBackend, stateBackendFromEnvironment } from "../../constructs";

/** The `terraform` block a DynoformStack synthesizes for `backend` (internal helper). */
function terraformOf(backend?: StateBackend, id = "staging"): Record<string, any> {
  const stack = new DynoformStack(Testing.app(), id, { target: DeployTarget.HEROKU, backend });
  return JSON.parse(Testing.synth(stack)).terraform;
}

const backendOf = (backend?: StateBackend, id?: string) => terraformOf(backend, id).backend;

describe("StateBackend", () => {
  it("keeps cdktf's local state by default, and a folder of state files when given one", () => {
    expect(backendOf()).toBeUndefined();
    expect(backendOf(StateBackend.local({ dir: "/srv/state" }))).toEqual({ local: { path: "/srv/state/staging.tfstate" } });
  });

  it("writes no connection string for pg: Terraform reads PG_CONN_STR", () => {
    // GIVEN the pg backend
    const backend = StateBackend.pg({ schemaPrefix: "shop" });
    // THEN the stack names its schema and nothing else, and PG_CONN_STR is named as required
    expect(backendOf(backend, "pipeline-shop")).toEqual({ pg: { schema_name: "shop_pipeline_shop" } });
    expect(backend.requiredEnvironment).toEqual(["PG_CONN_STR"]);
  });

  it("locks s3 with Terraform's lock file, and gives http and cloud one state per stack", () => {
    expect(backendOf(StateBackend.s3({ bucket: "shop-state", region: "eu-west-1" }))).toEqual({
      s3: { bucket: "shop-state", region: "eu-west-1", key: "dynoform/staging.tfstate", encrypt: true, use_lockfile: true },
    });
    expect(backendOf(StateBackend.http({ address: "https://state.example.com/estates/shop/" }))).toEqual({
      http: {
        address: "https://state.example.com/estates/shop/staging",
        lock_address: "https://state.example.com/estates/shop/staging",
        unlock_address: "https://state.example.com/estates/shop/staging",
      },
    });
    expect(terraformOf(StateBackend.cloud({ organization: "acme" })).cloud).toEqual({ organization: "acme", workspaces: { name: "dynoform-staging" } });
  });
});

describe("DYNOFORM_BACKEND", () => {
  it("chooses a backend for one run, overriding the stack's", () => {
    // GIVEN DYNOFORM_BACKEND=pg in the environment of this run
    process.env.DYNOFORM_BACKEND = "pg";
    try {
      // THEN a stack written with local state uses pg
      expect(backendOf(StateBackend.local({ dir: "/srv/state" }))).toEqual({ pg: { schema_name: "dynoform_staging" } });
    } finally {
      delete process.env.DYNOFORM_BACKEND;
    }
  });

  it("refuses an unknown backend and a missing option in one line each", () => {
    expect(() => stateBackendFromEnvironment({ DYNOFORM_BACKEND: "postgres" })).toThrow(
      'DYNOFORM_BACKEND "postgres" is not a state backend (local, pg, s3, http, cloud)',
    );
    expect(() => stateBackendFromEnvironment({ DYNOFORM_BACKEND: "s3", AWS_REGION: "eu-west-1" })).toThrow("DYNOFORM_BACKEND=s3 needs DYNOFORM_S3_BUCKET");
    expect(stateBackendFromEnvironment({})).toBeUndefined();
  });
});
