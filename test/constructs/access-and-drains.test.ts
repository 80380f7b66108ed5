/**
 * Who may reach an app (collaborators, team members) and where its logs and
 * telemetry go (log and telemetry drains), synthesized and judged.
 */
import { TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import {
  CollaboratorPermission,
  HerokuApp,
  Space,
  SpaceGeneration,
  TeamMember,
  TeamRole,
  TelemetryExporter,
  TelemetrySignal,
} from "../../constructs";
import { problems, synth } from "./synth";

const only = (json: Record<string, any>, type: string) => {
  const resources = Object.values(json.resource[type] ?? {}) as any[];
  expect(resources).toHaveLength(1);
  return resources[0];
};

const COLLECTOR = { endpoint: "https://collector.example.com/v1", exporter: TelemetryExporter.OTLP_HTTP, signals: [TelemetrySignal.TRACES, TelemetrySignal.LOGS], headers: { "x-team": "acme" } };

describe("HerokuApp.addCollaborator", () => {
  it("gives a team app's collaborator the permissions asked for, view by default", () => {
    // GIVEN a team app with a collaborator who deploys and one given nothing
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop", team: "acme", shortAddresses: true });
      app.addCollaborator("dev@example.com", { permissions: [CollaboratorPermission.VIEW, CollaboratorPermission.DEPLOY] });
      app.addCollaborator("audit@example.com");
    });
    // THEN each is a heroku_team_collaborator of the app, addressed by email
    expect(json.resource.heroku_team_collaborator).toEqual({
      collaborator_dev_example_com: { app_id: "${heroku_app.app.id}", email: "dev@example.com", permissions: ["view", "deploy"] },
      collaborator_audit_example_com: { app_id: "${heroku_app.app.id}", email: "audit@example.com", permissions: ["view"] },
    });
    expect(json.resource.heroku_collaborator).toBeUndefined();
  });

  it("makes a personal app's collaborator a heroku_collaborator, without permissions", () => {
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop" }).addCollaborator("dev@example.com"));
    expect(only(json, "heroku_collaborator")).toEqual({ app_id: expect.stringMatching(/^\$\{heroku_app\..*\.id\}$/), email: "dev@example.com" });
    expect(json.resource.heroku_team_collaborator).toBeUndefined();
  });

  it("refuses permissions on a personal app at synth, naming the app", () => {
    expect(
      problems((s) => new HerokuApp(s, "app", { name: "shop" }).addCollaborator("dev@example.com", { permissions: [CollaboratorPermission.MANAGE] })),
    ).toEqual([
      "app shop: collaborators[0].permissions: permissions are for team apps: a personal app's collaborators (heroku_collaborator) take none; give app.team or leave permissions out",
    ]);
  });

  it("refuses an unknown permission when it is named", () => {
    expect(() => CollaboratorPermission.of("admin")).toThrow('"admin" is not an app permission');
  });
});

describe("TeamMember", () => {
  it("synthesizes heroku_team_member with its role, not federated by default", () => {
    const json = synth((s) => new TeamMember(s, "alice", { team: "acme", email: "alice@example.com", role: TeamRole.ADMIN }));
    expect(only(json, "heroku_team_member")).toEqual({ team: "acme", email: "alice@example.com", role: "admin", federated: false });
  });

  it("refuses a role the Platform API does not have, with a hint", () => {
    expect(() => TeamRole.of("veiwer")).toThrow('"veiwer" is not a team role (did you mean viewer?)');
    expect(() => TeamRole.of("owner")).toThrow('"owner" is not a team role');
  });

  it("reports one email made a member of one team twice, at the later one; other teams are apart", () => {
    // GIVEN alice in acme twice (anywhere in the tree) and once in globex
    const lines = problems((s) => {
      new TeamMember(s, "a", { team: "acme", email: "alice@example.com", role: TeamRole.ADMIN });
      new TeamMember(s, "b", { team: "acme", email: "bob@example.com", role: TeamRole.MEMBER });
      new TeamMember(s, "g", { team: "globex", email: "alice@example.com", role: TeamRole.VIEWER });
      new TeamMember(s, "again", { team: "acme", email: "alice@example.com", role: TeamRole.VIEWER });
    });
    // THEN only the second acme membership is reported
    expect(lines).toEqual(['team acme: members[2].email: "alice@example.com" is listed twice']);
  });

  it("leaves a team that is a Token unjudged", () => {
    const json = synth((s) => {
      const team = new TerraformVariable(s, "team", { type: "string" }).stringValue;
      new TeamMember(s, "a", { team, email: "alice@example.com", role: TeamRole.ADMIN });
      new TeamMember(s, "b", { team, email: "alice@example.com", role: TeamRole.ADMIN });
    });
    expect(Object.keys(json.resource.heroku_team_member)).toHaveLength(2);
  });
});

describe("drains", () => {
  it("sends a Fir app's telemetry to a consumer (heroku_telemetry_drain)", () => {
    // GIVEN an app in a Fir space with a telemetry drain
    const json = synth((s) => {
      const space = new Space(s, "space", { name: "acme-fir", team: "acme", region: "virginia", generation: SpaceGeneration.FIR });
      new HerokuApp(s, "app", { name: "shop", team: "acme", space, shortAddresses: true }).addTelemetryDrain("collector", COLLECTOR);
    });
    // THEN the drain is owned by the app and carries the exporter, signals and headers
    expect(json.resource.heroku_telemetry_drain).toEqual({
      telemetry_drain_collector: {
        owner_id: "${heroku_app.app.id}",
        owner_type: "app",
        endpoint: "https://collector.example.com/v1",
        exporter_type: "otlphttp",
        signals: ["traces", "logs"],
        headers: { "x-team": "acme" },
      },
    });
  });

  it("refuses a log drain on an app in a Fir space, and a telemetry drain on one in a Cedar space", () => {
    const lines = problems((s) => {
      const fir = new Space(s, "fir", { name: "acme-fir", team: "acme", region: "virginia", generation: SpaceGeneration.FIR });
      const cedar = new Space(s, "cedar", { name: "acme-cedar", team: "acme", region: "virginia" });
      new HerokuApp(s, "on-fir", { name: "shop-fir", team: "acme", space: fir }).addLogDrain("papertrail", "syslog+tls://logs.example.com:12345");
      new HerokuApp(s, "on-cedar", { name: "shop-cedar", team: "acme", space: cedar }).addTelemetryDrain("collector", COLLECTOR);
    });
    expect(lines).toEqual([
      'app shop-fir: logDrains.papertrail: Fir apps have no log drains (space "acme-fir" is fir): use telemetryDrains',
      'app shop-cedar: telemetryDrains.collector: telemetry drains are for Fir apps, and space "acme-cedar" is cedar: use logDrains',
    ]);
  });

  it("gives a log drain a short address by its name", () => {
    const json = synth((s) => new HerokuApp(s, "app", { name: "shop", shortAddresses: true }).addLogDrain("papertrail", "syslog+tls://logs.example.com:12345"));
    expect(json.resource.heroku_drain).toEqual({ drain_papertrail: { app_id: "${heroku_app.app.id}", url: "syslog+tls://logs.example.com:12345" } });
  });

  it("never judges an endpoint that is a Token, and judges the rest", () => {
    // GIVEN a telemetry drain whose endpoint is a variable, in a space looked up by name, with a header name Heroku refuses
    const lines = problems((s) => {
      const endpoint = new TerraformVariable(s, "endpoint", { type: "string" }).stringValue;
      new HerokuApp(s, "app", { name: "shop", team: "acme", space: "acme-fir" }).addTelemetryDrain("collector", { ...COLLECTOR, endpoint, headers: { "x team": "acme" } });
    });
    // THEN only the header is reported
    expect(lines).toEqual(['app shop: telemetryDrains.collector.headers.x team: "x team" is not a header name: 1 to 100 letters, digits, dashes and underscores']);
  });
});

describe("secret values for drains (HerokuApp.addSecretValue)", () => {
  it("makes a sensitive variable named for the environment that sets no config var", () => {
    // GIVEN an app of environment staging with a secret value
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop-staging", environment: "staging", shortAddresses: true });
      expect(app.addSecretValue("LOGS_URL")).toBe(app.addSecretValue("LOGS_URL"));
    });
    // THEN it is one sensitive variable without a default, fed as TF_VAR_staging_logs_url, and the app's config vars do not hold it
    expect(json.variable).toEqual({ staging_logs_url: { type: "string", sensitive: true, description: "secret value LOGS_URL of shop-staging (not a config var)" } });
    expect(json.resource.heroku_app.app.sensitive_config_vars).toEqual({});
  });

  it("shares one variable with the secret config var of the same key, whichever is added first", () => {
    // GIVEN a key used as a secret value, then listed as a secret config var
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop-staging", environment: "staging", shortAddresses: true });
      const value = app.addSecretValue("HONEYCOMB_KEY");
      expect(app.addSecret("HONEYCOMB_KEY")).toBe(value);
    });
    // THEN there is one variable, described as the config var it also is
    expect(json.variable).toEqual({ staging_honeycomb_key: { type: "string", sensitive: true, description: "secret config var HONEYCOMB_KEY of shop-staging" } });
    expect(json.resource.heroku_app.app.sensitive_config_vars).toEqual({ HONEYCOMB_KEY: "${var.staging_honeycomb_key}" });
  });

  it("puts a log drain URL that is a Token in sensitive_url, unless told otherwise", () => {
    // GIVEN a drain whose URL is a secret value, one whose URL is a plain variable marked not sensitive, and a plain one marked sensitive
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop", environment: "staging", shortAddresses: true });
      app.addLogDrain("vendor", app.addSecretValue("LOGS_URL").stringValue);
      app.addLogDrain("public", new TerraformVariable(s, "public-url", { type: "string" }).stringValue, { sensitive: false });
      app.addLogDrain("explicit", "syslog+tls://logs.example.com:12345", { sensitive: true });
    });
    // THEN the secret one and the explicit one use sensitive_url, the other url
    expect(json.resource.heroku_drain).toEqual({
      drain_vendor: { app_id: "${heroku_app.app.id}", sensitive_url: "${var.staging_logs_url}" },
      drain_public: { app_id: "${heroku_app.app.id}", url: "${var.public-url}" },
      drain_explicit: { app_id: "${heroku_app.app.id}", sensitive_url: "syslog+tls://logs.example.com:12345" },
    });
  });

  it("gives a telemetry header a secret value's reference, and leaves it unjudged", () => {
    // GIVEN a telemetry drain with its API key header a secret value
    const json = synth((s) => {
      const app = new HerokuApp(s, "app", { name: "shop", team: "acme", space: "acme-fir", environment: "staging", shortAddresses: true });
      app.addTelemetryDrain("honeycomb", { ...COLLECTOR, headers: { "x-honeycomb-team": app.addSecretValue("HONEYCOMB_KEY").stringValue, "x-honeycomb-dataset": "shop" } });
    });
    // THEN the header is the variable's reference, the other header as written
    expect(json.resource.heroku_telemetry_drain.telemetry_drain_honeycomb.headers).toEqual({ "x-honeycomb-team": "${var.staging_honeycomb_key}", "x-honeycomb-dataset": "shop" });
    expect(json.variable.staging_honeycomb_key).toMatchObject({ sensitive: true });
  });

  it("reports two apps of one environment whose secret values would share a variable", () => {
    expect(
      problems((s) => {
        new HerokuApp(s, "a", { name: "shop-a", environment: "production" }).addSecret("LOGS_URL");
        new HerokuApp(s, "b", { name: "shop-b", environment: "production" }).addSecretValue("LOGS_URL");
      }),
    ).toEqual(['app shop-b: secret "LOGS_URL" would share the variable production_logs_url with app shop-a: give the apps different environment names']);
  });
});
