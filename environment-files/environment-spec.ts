/**
 * The shape of one environment file (`environments/<name>.yaml`) as a zod
 * schema, and its TypeScript type. Every Heroku name is checked against
 * vocabulary/; the rules that tie two fields of one file together live in
 * `environment-rules.ts`, the ones across files in `estate-rules.ts`.
 */
import { z } from "zod";
import { strict } from "./strict-object";
import { APP_NAME_RULE, ATTACHMENT_NAME_RULE, CONFIG_VAR_KEY_RULE, DRAIN_NAME_RULE, HOSTNAME_RULE, notADynoCount, quoteRedacted, SPACE_NAME_RULE } from "../rules";
import {
  ADDON_SERVICE_ALIASES,
  ADDON_SERVICES,
  addonServiceName,
  APP_FEATURES,
  APP_NAME_PATTERN,
  ATTACHMENT_NAME_PATTERN,
  CONFIG_VAR_KEY_PATTERN,
  DEFAULT_REGION,
  DEFAULT_STACK,
  DRAIN_NAME_PATTERN,
  DYNO_SIZES,
  notAKnownName,
  HOSTNAME_PATTERN,
  PIPELINE_NAME_PATTERN,
  PIPELINE_STAGES,
  PROCESS_TYPE_PATTERN,
  REGIONS,
  SPACE_NAME_PATTERN,
  STACKS,
  TEAM_APP_PERMISSIONS,
  TELEMETRY_EXPORTERS,
  TELEMETRY_SIGNALS,
} from "../vocabulary";
import { checkEnvironment } from "./environment-rules";
import { describeValue } from "./zod-problems";

/** A value out of a closed list of Heroku names, with a did-you-mean hint (internal helper). */
function oneOf(noun: string, names: readonly [string, ...string[]]) {
  return z.enum(names, {
    error: (issue) => (issue.input === undefined ? undefined : notAKnownName(issue.input, noun, names)),
  });
}

/** A string matching one of Heroku's name patterns (internal helper). */
function named(noun: string, pattern: RegExp, rule: string) {
  return z.string().regex(pattern, { error: (issue) => `${quoteRedacted(issue.input)} is not ${noun}: ${rule}` });
}

const names = <T extends { name: string }>(list: readonly T[]) => list.map((x) => x.name) as [string, ...string[]];

export const appNameSchema = named(
  "a Heroku app name",
  APP_NAME_PATTERN,
  APP_NAME_RULE,
);

const hostnameSchema = named("a hostname", HOSTNAME_PATTERN, HOSTNAME_RULE);

const spaceNameSchema = named("a space name", SPACE_NAME_PATTERN, SPACE_NAME_RULE);

/** `app.source`: the code Heroku builds, a directory or tarball (relative to the file) or an https URL of a tarball. */
const sourceSchema = z
  .string()
  .min(1, { error: "is empty: give a directory, a .tar.gz or an https:// URL" })
  .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith("https://"), {
    error: (issue) => `${quoteRedacted(issue.input)} is not an https URL: Heroku fetches build sources over https only`,
  })
  .refine((s) => !s.startsWith("https://") || URL.canParse(s), {
    error: (issue) => `${quoteRedacted(issue.input)} is not a URL Heroku can fetch: check it for spaces and stray characters`,
  });

/**
 * `app.source` outside the project, which says so: whatever it holds is
 * uploaded to Heroku, so a review shows that the file reaches out of the
 * repository rather than hiding it in a `../..`.
 */
const outsideSourceSchema = strict({
  path: z
    .string()
    .min(1, { error: "is empty: give the directory or .tar.gz outside the project" })
    .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s), {
      error: (issue) => `${quoteRedacted(issue.input)} is a URL: write a URL as source: URL; path is a directory or tarball`,
    })
    .describe("The directory or tarball, relative to the file, outside the project."),
  outsideProject: z
    .literal(true, {
      error: (issue) => `${quoteRedacted(issue.input)} is not true: a source inside the project is written as a plain path, source: PATH`,
    })
    .describe("Says that path resolves outside the project (the directory dynoform runs in), on purpose."),
});

const buildpackSchema = z.string().refine((s) => /^[a-z0-9-]+\/[a-z0-9-]+$/.test(s) || s.startsWith("https://"), {
  error: (issue) => `${quoteRedacted(issue.input)} is not a buildpack: give a registry name like heroku/python or an https URL`,
});

const appSchema = strict({
  name: appNameSchema.describe("The Heroku app name, unique across Heroku."),
  region: oneOf("a Common Runtime region", names(REGIONS))
    .optional()
    .describe("Common Runtime region (default us); not with space: an app in a space runs in its space's region."),
  stack: oneOf("a Heroku stack", names(STACKS)).default(DEFAULT_STACK).describe("The stack the app builds and runs on (default heroku-24)."),
  team: z
    .string()
    .min(1, { error: "is empty: name the team or leave team out for a personal app" })
    .optional()
    .describe("The team that owns the app; a personal app when absent."),
  space: spaceNameSchema
    .optional()
    .describe("The Private Space the app runs in, by name (looked up at plan time); the app must belong to a team. The Common Runtime when absent."),
  buildpacks: z.array(buildpackSchema).default([]).describe("Buildpacks in order; Heroku detects them when empty."),
  source: z
    .union([sourceSchema, outsideSourceSchema], {
      error: (issue) => (issue.input === undefined ? undefined : `expected a path, an https URL or { path, outsideProject: true }, got ${describeValue(issue.input)}`),
    })
    .optional()
    .describe(
      "What Heroku builds before the formation scales: a directory or tarball relative to the file, or an https URL; { path, outsideProject: true } for a directory or tarball outside the project. Only an app brought under code by dynoform import may leave it out: it keeps its live releases.",
    ),
  acm: z.boolean().default(false).describe("Automated Certificate Management for the custom domains (default false); not on eco dynos."),
  features: z
    .array(oneOf("an app feature", names(APP_FEATURES)))
    .default([])
    .describe("App features to enable, e.g. preboot."),
});

const configValueSchema = z
  .union([z.string(), z.number(), z.boolean()], {
    error: "expected a string, a number or true/false: config var values are strings",
  })
  .transform(String);

const configKeySchema = named("a config var key", CONFIG_VAR_KEY_PATTERN, CONFIG_VAR_KEY_RULE);

const processSchema = strict({
  size: oneOf("a dyno size", names(DYNO_SIZES)).describe("The dyno size; eco and basic are never mixed with other tiers in one app."),
  // Integer and minimum for editors, in the rule's words (rules/formation.ts).
  quantity: z
    .int()
    .min(0, { error: (issue) => notADynoCount(Number(issue.input)) })
    .default(1)
    .describe("How many dynos of the type run (default 1; eco and basic: at most 1)."),
});

const addonSchema = strict({
  // Heroku's service name after validation, whatever the file wrote.
  service: oneOf("an add-on service", [...Object.keys(ADDON_SERVICE_ALIASES), ...names(ADDON_SERVICES)] as [string, ...string[]])
    .describe("postgres, redis, or a Heroku service name (heroku-postgresql, scheduler, papertrail)")
    .transform(addonServiceName),
  plan: z.string().optional().describe("The plan within the service; its default plan when absent."),
  version: z
    .union([z.string(), z.number()])
    .transform(String)
    .optional()
    .describe("Postgres major version (default: Heroku's current default); heroku-postgresql only."),
  as: named("an attachment name", ATTACHMENT_NAME_PATTERN, ATTACHMENT_NAME_RULE)
    .optional()
    .describe("The attachment name on this app: the config var prefix (DATABASE → DATABASE_URL)."),
  attachTo: z.array(appNameSchema).default([]).describe("Other apps (by Heroku name) that get an attachment of this add-on too."),
});

const collaboratorSchema = strict({
  email: z.string().min(1, { error: "is empty: give the collaborator's email address" }).describe("The collaborator's email address."),
  permissions: z
    .array(oneOf("an app permission", TEAM_APP_PERMISSIONS))
    .optional()
    .describe("What the collaborator may do on a team app: view, deploy, operate, manage (default [view]); none on a personal app."),
});

const drainNameSchema = named("a drain name", DRAIN_NAME_PATTERN, DRAIN_NAME_RULE);

/**
 * `{ secret: KEY }` in place of a drain's URL or a telemetry header's value:
 * a sensitive Terraform variable fed at deploy time like a secret config var
 * (`TF_VAR_<environment>_<key>`), so the value is in neither the file nor
 * cdk.tf.json. It sets no config var; a key also listed in `secrets:` is the
 * same one value, also set as that config var.
 */
const secretValueSchema = strict({
  secret: named("a secret key", CONFIG_VAR_KEY_PATTERN, CONFIG_VAR_KEY_RULE).describe(
    "The secret's key, like a key in secrets: (letters, digits and underscores); its value is fed as TF_VAR_<environment>_<key>.",
  ),
});

/** A plain string or `{ secret: KEY }`, worded for the value it stands for (internal helper). */
function plainOrSecret(plain: z.ZodString, what: string) {
  return z.union([plain, secretValueSchema], {
    error: (issue) => (issue.input === undefined ? undefined : `expected ${what} or { secret: KEY }, got ${describeValue(issue.input)}`),
  });
}

const telemetryDrainSchema = strict({
  endpoint: z.string().min(1, { error: "is empty: give the consumer's URL (otlphttp) or host:port (otlp)" }).describe("Where the OpenTelemetry consumer listens."),
  exporter: oneOf("a telemetry exporter", TELEMETRY_EXPORTERS).describe("otlphttp (an http or https URL) or otlp (gRPC to host:port)."),
  signals: z.array(oneOf("a telemetry signal", TELEMETRY_SIGNALS)).describe("What is sent: traces, metrics, logs; at least one."),
  headers: z
    .record(z.string(), plainOrSecret(z.string(), "a header value"))
    .describe("Headers for the consumer: at least one, at most 20. A plain value lands in cdk.tf.json: write an API key as { secret: KEY }."),
});

const reviewAppsSchema = strict({
  repo: z.string().min(1, { error: "is empty: give the GitHub repository, owner/name" }).describe("The GitHub repository the pipeline is connected to: owner/name."),
  region: oneOf("a Common Runtime region", names(REGIONS)).optional().describe("The region review apps run in (default us); not with space."),
  space: spaceNameSchema.optional().describe("The Private Space review apps run in, by name; not with region."),
  automatic: z.boolean().default(false).describe("Create a review app for each pull request as it is opened (default false)."),
  waitForCi: z.boolean().default(false).describe("Create review apps only once CI passes (default false)."),
  destroyStaleApps: z.boolean().default(false).describe("Destroy review apps that go staleDays without a deploy (default false)."),
  staleDays: z.number().optional().describe("Days without a deploy before a review app is stale: 1 to 30."),
  baseName: z.string().min(1).optional().describe("The prefix of review apps' names, for predictable URLs (Cedar pipelines only)."),
});

const pipelineSchema = strict({
  name: named("a pipeline name", PIPELINE_NAME_PATTERN, "3 to 30 lowercase letters, digits and dashes, starting with a letter"),
  stage: oneOf("a pipeline stage", [...PIPELINE_STAGES]).describe("review, development, staging or production; a stage may hold several apps."),
  reviewApps: reviewAppsSchema
    .optional()
    .describe("Review apps for the pipeline's pull requests; one environment of a pipeline configures them."),
});

const liveId = (what: string) => z.uuid({ error: (issue) => `${quoteRedacted(issue.input)} is not the id of ${what}: ids are UUIDs` });

/** Ids of live resources an imported environment adopts (written by `dynoform import`). */
const importSchema = strict({
  app: liveId("an app").describe("The live app's id."),
  addons: z
    .record(z.string(), liveId("an add-on"))
    .default({})
    .describe("Live add-on ids by address: postgres, redis, scheduler, or the attachment name in lower case."),
  pipeline: liveId("a pipeline").optional().describe("The live pipeline's id."),
  coupling: liveId("a pipeline coupling").optional().describe("The live coupling of the app to the pipeline."),
});

/** Everything the file may say, before the cross-field rules. */
const environmentShape = strict({
  app: appSchema.describe("The Heroku app of this environment."),
  config: z.record(configKeySchema, configValueSchema).default({}).describe("Plain config vars; they end up in cdk.tf.json, so nothing secret here."),
  secrets: z
    .array(configKeySchema)
    .default([])
    .describe("Keys of secret config vars; their values are fed at deploy time as sensitive Terraform variables."),
  formation: z
    .record(named("a process type", PROCESS_TYPE_PATTERN, "letters, digits, dashes and underscores"), processSchema)
    .default({})
    .describe("Process types from the Procfile, with their size and quantity."),
  addons: z.array(addonSchema).default([]).describe("Add-ons provisioned for this app, each attached to it."),
  domains: z.array(hostnameSchema).default([]).describe("Custom domains; each outputs the DNS target to point a CNAME at."),
  collaborators: z.array(collaboratorSchema).default([]).describe("People with access to this app, by email; team members need not be listed."),
  logDrains: z
    .record(drainNameSchema, plainOrSecret(z.string().min(1, { error: "is empty: give the drain's syslog or https URL" }), "a syslog or https URL"))
    .default({})
    .describe(
      "Log drains by name: Heroku forwards the app's logs to each URL. Cedar apps only. A plain URL lands in cdk.tf.json: write one with a token or password as { secret: KEY }.",
    ),
  telemetryDrains: z
    .record(drainNameSchema, telemetryDrainSchema)
    .default({})
    .describe("OpenTelemetry drains by name. Fir apps only: an app in a Fir space."),
  pipeline: pipelineSchema.optional().describe("The pipeline this environment's app is coupled to, and its stage."),
  import: importSchema
    .optional()
    .describe(
      "Live resources the first apply adopts instead of creating (Terraform import blocks), written by dynoform import. Harmless afterwards: Terraform skips what its state has.",
    ),
  production: z
    .boolean()
    .optional()
    .describe("Marks a production environment: its data add-ons are protected from destroy (default: true in the production stage)."),
});

/** The schema of an environment file, with the rules across its fields. */
export const environmentSchema = environmentShape.superRefine(checkEnvironment).transform((spec) => ({
  ...spec,
  // The region as written, else the default; an app in a space takes its space's.
  app: { ...spec.app, region: spec.app.region ?? (spec.app.space === undefined ? DEFAULT_REGION : undefined) },
  production: spec.production ?? spec.pipeline?.stage === "production",
}));

/** An environment file as written (what editors complete against). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** An environment file after validation and defaults, its source as written. */
export type ParsedEnvironment = z.output<typeof environmentSchema>;
/** `app.source` as written: a path or an https URL, or a path outside the project that says so. */
export type WrittenSource = NonNullable<ParsedEnvironment["app"]["source"]>;
/**
 * An environment file after validation and defaults, its source an https URL
 * or an absolute path (see load-environment.ts): what the Environment construct builds from.
 */
export type EnvironmentSpec = Omit<ParsedEnvironment, "app"> & { app: Omit<ParsedEnvironment["app"], "source"> & { source?: string } };
export type EnvironmentShape = z.output<typeof environmentShape>;
export type AddonSpec = EnvironmentSpec["addons"][number];
export type ProcessSpec = EnvironmentSpec["formation"][string];
