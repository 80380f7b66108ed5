/**
 * The platform's stored records: the shapes of Heroku's Platform API objects,
 * except that a record refers to another by id alone. Names (an app's, an
 * add-on's, a pipeline's) live only on the record they name, and are filled
 * in when a record is answered, so a rename is seen everywhere at once.
 *
 * Each shape is a zod schema, and the TypeScript types are inferred from it:
 * the one description of a record checks the data file when it is read, and
 * every document before it is written, so the platform never writes a file
 * it cannot read back. Every field has a type and a bound, so nothing stored
 * nests deeper than these shapes, or grows past them.
 */
import { z } from "zod";
import {
  INBOUND_RULE_ACTIONS,
  PROCESS_TYPE_PATTERN,
  REVIEW_APP_DEPLOY_TARGET_TYPES,
  SPACE_APP_PERMISSIONS,
  SPACE_GENERATIONS,
  TEAM_APP_PERMISSIONS,
  TEAM_MEMBER_ROLES,
  TELEMETRY_ENDPOINT_MAX,
  TELEMETRY_EXPORTERS,
  TELEMETRY_HEADER_NAME_PATTERN,
  TELEMETRY_HEADER_VALUE_MAX,
  TELEMETRY_HEADERS_MAX,
  TELEMETRY_OWNER_TYPES,
  TELEMETRY_SIGNALS,
} from "../../vocabulary";

/**
 * Bounds of one field or list, chosen where Heroku documents none: room for
 * any real name, id, e-mail (RFC 5321 allows 254) or hostname (DNS allows
 * 253); for any real description, command, URL or certificate chain; and for
 * the items of a list inside one record.
 */
export const NAME_MAX = 256;
export const TEXT_MAX = 64 * 1024;
export const LIST_MAX = 1000;
/** Process types a slug may declare: far more than any Procfile, few enough that a release cannot flood the formation. */
export const PROCESS_TYPES_MAX = 100;

/** An id, a name, an e-mail, a hostname, a time. */
export const nameField = z.string().max(NAME_MAX);
/** A description, a command, a URL, a certificate chain. */
export const textField = z.string().max(TEXT_MAX);
/** A list inside one record. */
export const listField = <T extends z.ZodType>(item: T) => z.array(item).max(LIST_MAX);
const count = z.number().int().nonnegative();
const time = nameField;

/** A reference to another record: its id, never its name. */
export const ref = z.object({ id: nameField });
export type Ref = z.infer<typeof ref>;
/** A fixed thing of Heroku's vocabulary (region, stack, size, plan): its id and its name, which never change. */
export const namedRef = z.object({ id: nameField, name: nameField });
export type NamedRef = z.infer<typeof namedRef>;
const user = z.object({ id: nameField, email: nameField });
/** The platform generation: an object in v3 (heroku-go decodes `{id, name}`; a bare string fails it). */
const generation = z.object({ id: nameField, name: z.enum(SPACE_GENERATIONS) });

/** A slug's process types and their commands, as the Platform API schema types them (`slug.process_types`). */
export const processTypes = z.record(z.string().regex(PROCESS_TYPE_PATTERN), textField).refine((types) => Object.keys(types).length <= PROCESS_TYPES_MAX, {
  message: `declares more than ${PROCESS_TYPES_MAX} process types`,
});

/** Config vars: keys and values, both strings. */
export const configVars = z.record(textField, textField);

const account = z.object({ id: nameField, email: nameField, name: nameField, created_at: time, updated_at: time });
export type AccountRecord = z.infer<typeof account>;

const app = z.object({
  id: nameField,
  name: nameField,
  region: namedRef,
  stack: namedRef,
  build_stack: namedRef,
  owner: user,
  organization: namedRef.nullable(),
  team: namedRef.nullable(),
  /** The private space the app runs in (state/spaces.ts), or null in the Common Runtime. */
  space: ref.nullable(),
  acm: z.boolean(),
  maintenance: z.boolean(),
  internal_routing: z.boolean().nullable(),
  buildpack_provided_description: textField.nullable(),
  repo_size: count.nullable(),
  slug_size: count.nullable(),
  archived_at: time.nullable(),
  created_at: time,
  released_at: time.nullable(),
  updated_at: time,
  generation,
});
export type AppRecord = z.infer<typeof app>;

const release = z.object({
  id: nameField,
  version: count,
  description: textField,
  status: z.enum(["succeeded", "pending", "failed"]),
  current: z.boolean(),
  app: ref,
  user,
  slug: ref.nullable(),
  addon_plan_names: listField(nameField),
  artifacts: listField(z.object({ type: nameField, id: nameField })),
  eligible_for_rollback: z.boolean(),
  output_stream_url: textField.nullable(),
  created_at: time,
  updated_at: time,
});
export type ReleaseRecord = z.infer<typeof release>;

const slug = z.object({
  id: nameField,
  app: ref,
  blob: z.object({ method: nameField, url: textField }),
  buildpack_provided_description: textField.nullable(),
  checksum: textField.nullable(),
  commit: textField.nullable(),
  commit_description: textField.nullable(),
  process_types: processTypes,
  size: count.nullable(),
  stack: namedRef,
  created_at: time,
  updated_at: time,
});
export type SlugRecord = z.infer<typeof slug>;

const build = z.object({
  id: nameField,
  app: ref,
  buildpacks: listField(z.object({ url: textField, name: textField })),
  output_stream_url: textField,
  release: ref.nullable(),
  slug: ref.nullable(),
  source_blob: z.object({ checksum: textField.nullable(), url: textField, version: textField.nullable(), version_description: textField.nullable() }),
  stack: nameField,
  status: z.enum(["pending", "succeeded", "failed"]),
  user,
  created_at: time,
  updated_at: time,
});
export type BuildRecord = z.infer<typeof build>;

const formation = z.object({
  id: nameField,
  app: ref,
  type: nameField,
  command: textField,
  quantity: count,
  /** Deprecated by Heroku for `dyno_size`, still read by the CLI and the provider. */
  size: nameField,
  /** What heroku-go v6 reads and sends. */
  dyno_size: namedRef,
  created_at: time,
  updated_at: time,
});
export type FormationRecord = z.infer<typeof formation>;

const addonPrice = z.object({ cents: count, contract: z.boolean(), metered: z.boolean(), unit: nameField });
export type AddonPrice = z.infer<typeof addonPrice>;

const addon = z.object({
  id: nameField,
  name: nameField,
  /** The app that owns (and is billed for) the add-on. */
  app: ref,
  addon_service: namedRef,
  /** The plan with its list price: the CLI reads `plan.price` (Heroku expands it on `Accept-Expansion: plan`). */
  plan: namedRef.extend({ price: addonPrice }),
  provider_id: nameField,
  config_vars: listField(nameField),
  provision_message: textField,
  state: z.enum(["provisioning", "provisioned", "deprovisioned"]),
  billed_price: z.object({ cents: count, contract: z.boolean(), unit: nameField }),
  /** Heroku lists an add-on's provider actions; the embedded add-ons have none. */
  actions: z.array(z.never()),
  created_at: time,
  updated_at: time,
});
export type AddonRecord = z.infer<typeof addon>;

const attachment = z.object({
  id: nameField,
  name: nameField,
  namespace: nameField.nullable(),
  addon: ref,
  app: ref,
  log_input_url: textField.nullable(),
  created_at: time,
  updated_at: time,
});
export type AttachmentRecord = z.infer<typeof attachment>;

const domain = z.object({
  id: nameField,
  app: ref,
  /** For the app's own domain, `<app name>.herokuapp.com`: a rename renames it. */
  hostname: nameField,
  kind: z.enum(["heroku", "custom"]),
  cname: nameField.nullable(),
  status: nameField,
  acm_status: nameField.nullable(),
  acm_status_reason: textField.nullable(),
  sni_endpoint: ref.nullable(),
  created_at: time,
  updated_at: time,
});
export type DomainRecord = z.infer<typeof domain>;

/** What Heroku reads from an SNI endpoint's certificate. */
const sslCert = z.object({
  id: nameField,
  "ca_signed?": z.boolean(),
  "self_signed?": z.boolean(),
  cert_domains: listField(textField),
  issuer: textField.nullable(),
  subject: textField.nullable(),
  starts_at: time.nullable(),
  expires_at: time.nullable(),
});
export type SslCert = z.infer<typeof sslCert>;

const sniEndpoint = z.object({
  id: nameField,
  name: nameField,
  display_name: nameField.nullable(),
  app: ref,
  certificate_chain: textField,
  ssl_cert: sslCert,
  created_at: time,
  updated_at: time,
});
export type SniEndpointRecord = z.infer<typeof sniEndpoint>;

const pipeline = z.object({
  id: nameField,
  name: nameField,
  owner: z.object({ id: nameField, type: nameField }),
  generation,
  created_at: time,
  updated_at: time,
});
export type PipelineRecord = z.infer<typeof pipeline>;

const coupling = z.object({ id: nameField, app: ref, pipeline: ref, stage: nameField, created_at: time, updated_at: time });
export type CouplingRecord = z.infer<typeof coupling>;

const promotion = z.object({
  id: nameField,
  pipeline: ref,
  source: z.object({ app: ref, release: ref }),
  status: z.enum(["pending", "completed"]),
  created_at: time,
  updated_at: time,
});
export type PromotionRecord = z.infer<typeof promotion>;

const promotionTarget = z.object({
  id: nameField,
  app: ref,
  pipeline_promotion: ref,
  release: ref.nullable(),
  status: z.enum(["pending", "succeeded", "failed"]),
  error_message: textField.nullable(),
});
export type PromotionTargetRecord = z.infer<typeof promotionTarget>;

const drain = z.object({ id: nameField, url: textField, token: nameField, addon: z.null(), app: ref, created_at: time, updated_at: time });
export type DrainRecord = z.infer<typeof drain>;

const webhook = z.object({ id: nameField, app: ref, include: listField(nameField), level: nameField, url: textField, created_at: time, updated_at: time });
export type WebhookRecord = z.infer<typeof webhook>;

const collaborator = z.object({
  id: nameField,
  app: ref,
  user: user.extend({ federated: z.boolean() }),
  role: nameField.nullable(),
  /** A team app collaborator's permissions, by name (answered with their descriptions); none on a personal app. */
  permissions: listField(z.enum(TEAM_APP_PERMISSIONS)),
  created_at: time,
  updated_at: time,
});
export type CollaboratorRecord = z.infer<typeof collaborator>;

// Teams (state/teams.ts): the teams the account belongs to, their members and their apps.
const team = z.object({
  id: nameField,
  name: nameField,
  default: z.boolean(),
  membership_limit: count.nullable(),
  provisioned_licenses: z.boolean(),
  type: z.enum(["team", "enterprise"]),
  created_at: time,
  updated_at: time,
});
export type TeamRecord = z.infer<typeof team>;

/** A user added to a team (the account itself is every team's admin, and is not stored as a member). */
const teamMember = z.object({
  id: nameField,
  team: ref,
  user: user,
  role: z.enum(TEAM_MEMBER_ROLES),
  federated: z.boolean(),
  created_at: time,
  updated_at: time,
});
export type TeamMemberRecord = z.infer<typeof teamMember>;

/** What a team app has beyond an app: whether other members are kept from joining it. */
const teamApp = z.object({ app: ref, team: ref, locked: z.boolean() });
export type TeamAppRecord = z.infer<typeof teamApp>;

// Private spaces (state/spaces.ts, state/space-networking.ts): a team's spaces, and what each has.
const space = z.object({
  id: nameField,
  name: nameField,
  team: ref,
  region: namedRef,
  shield: z.boolean(),
  state: z.enum(["allocating", "allocated"]),
  cidr: nameField,
  data_cidr: nameField,
  generation,
  created_at: time,
  updated_at: time,
});
export type SpaceRecord = z.infer<typeof space>;

const inboundRule = z.object({ action: z.enum(INBOUND_RULE_ACTIONS), source: nameField });
/** A space's current inbound ruleset: each PUT replaces it with a new one. */
const inboundRuleset = z.object({ id: nameField, space: ref, rules: listField(inboundRule), created_by: nameField, created_at: time });
export type InboundRulesetRecord = z.infer<typeof inboundRuleset>;

const vpnTunnel = z.object({
  ip: nameField,
  customer_ip: nameField,
  pre_shared_key: nameField,
  status: z.enum(["UP", "DOWN"]),
  status_message: textField,
  last_status_change: time,
});
const vpnConnection = z.object({
  id: nameField,
  space: ref,
  name: nameField,
  public_ip: nameField,
  routable_cidrs: listField(nameField),
  ike_version: count,
  status: z.enum(["pending", "provisioning", "active", "deprovisioning", "failed"]),
  status_message: textField,
  tunnels: listField(vpnTunnel),
  created_at: time,
});
export type VpnConnectionRecord = z.infer<typeof vpnConnection>;

/** A VPC peering connection of a space, by its AWS id (`pcx-…`). */
const peering = z.object({
  space: ref,
  pcx_id: nameField,
  type: z.enum(["heroku-managed", "customer-managed", "unknown"]),
  status: z.enum(["initiating-request", "pending-acceptance", "provisioning", "active", "failed", "expired", "rejected", "deleted"]),
  aws_vpc_id: nameField,
  aws_region: nameField,
  aws_account_id: nameField,
  cidr_blocks: listField(nameField),
  expires: time,
});
export type PeeringRecord = z.infer<typeof peering>;

/** A user's permissions on a space's apps (none stored means none). */
const spaceAppAccess = z.object({ space: ref, user: user, permissions: listField(z.enum(SPACE_APP_PERMISSIONS)), created_at: time, updated_at: time });
export type SpaceAppAccessRecord = z.infer<typeof spaceAppAccess>;

// Review apps (state/review-app-configs.ts): a pipeline's connected repository and its review-app configuration.
/** The repository a pipeline is connected to (Heroku's GitHub integration records it; here `POST /pipelines/{id}/repository`). */
const pipelineRepository = z.object({ pipeline: ref, id: count, full_name: nameField, created_at: time, updated_at: time });
export type PipelineRepositoryRecord = z.infer<typeof pipelineRepository>;

/** A pipeline's review-app configuration (the schema's `review-app-config`); the deploy target's region is kept by id. */
const reviewAppConfig = z.object({
  pipeline: ref,
  repo: z.object({ id: count, full_name: nameField }),
  automatic_review_apps: z.boolean(),
  destroy_stale_apps: z.boolean(),
  stale_days: count,
  wait_for_ci: z.boolean(),
  base_name: nameField.nullable(),
  deploy_target: z.object({ id: nameField, type: z.enum(REVIEW_APP_DEPLOY_TARGET_TYPES) }).nullable(),
  created_at: time,
  updated_at: time,
});
export type ReviewAppConfigRecord = z.infer<typeof reviewAppConfig>;

// Telemetry drains (state/telemetry-drains.ts): OpenTelemetry drains of Fir apps and spaces, with the schema's bounds.
/** What owns a telemetry drain: an app or a space, by id. */
export const telemetryOwner = z.object({ id: nameField, type: z.enum(TELEMETRY_OWNER_TYPES) });
/** What a telemetry drain sends: at least one signal, each once (the schema's `uniqueItems`). */
export const telemetrySignals = z
  .array(z.enum(TELEMETRY_SIGNALS))
  .min(1)
  .max(TELEMETRY_SIGNALS.length)
  .refine((signals) => new Set(signals).size === signals.length, { message: "lists a signal more than once" });
/** Headers sent to the consumer: names of the schema's pattern, values of its length, at most TELEMETRY_HEADERS_MAX of them. */
export const telemetryHeaders = z
  .record(z.string().regex(TELEMETRY_HEADER_NAME_PATTERN), z.string().max(TELEMETRY_HEADER_VALUE_MAX))
  .refine((headers) => Object.keys(headers).length <= TELEMETRY_HEADERS_MAX, { message: `has more than ${TELEMETRY_HEADERS_MAX} headers` });
/** Where and how a drain sends: its exporter's type and endpoint; headers are added where they are kept or given. */
export const telemetryExporter = z.object({ type: z.enum(TELEMETRY_EXPORTERS), endpoint: z.string().max(TELEMETRY_ENDPOINT_MAX) });

const telemetryDrain = z.object({
  id: nameField,
  owner: telemetryOwner,
  signals: telemetrySignals,
  exporter: telemetryExporter.extend({ headers: telemetryHeaders }),
  created_at: time,
  updated_at: time,
});
export type TelemetryDrainRecord = z.infer<typeof telemetryDrain>;

// Data stores (state/data-stores.ts): the database or Redis behind a Heroku Postgres or Heroku Redis add-on.
/**
 * Where an add-on's data lives and the credential that reaches it. The
 * servers (platform/services/) follow these records: a store `active` has its
 * database and role (or its Redis), one `removing` is dropped and then goes.
 * `host` and `port` are where the URL points: a local server's, or, for a
 * store kept as a record only (no server installed), a host that does not exist.
 */
const dataStore = z.object({
  addon: ref,
  engine: z.enum(["postgres", "redis"]),
  /** The database's name (Redis has none: ""). */
  database: nameField,
  user: nameField,
  password: nameField,
  host: nameField,
  port: count,
  /** The major version the add-on was created asking for (`config.version`), or null. */
  requested_version: nameField.nullable(),
  state: z.enum(["active", "removing"]),
  created_at: time,
  updated_at: time,
});
export type DataStoreRecord = z.infer<typeof dataStore>;

/** Work the platform finishes later, as Heroku does: what is due when (ISO time) by record id. */
const pendingWork = z.object({
  builds: z.record(nameField, time),
  addons: z.record(nameField, time),
  promotions: z.record(nameField, time),
  spaces: z.record(nameField, time),
  vpnConnections: z.record(nameField, time),
});
export type PendingWork = z.infer<typeof pendingWork>;

/** The whole data file. */
export const platformData = z.object({
  account,
  apps: z.array(app),
  /** Config vars by app id. */
  configVars: z.record(nameField, configVars),
  /** Releases by app id, oldest first. */
  releases: z.record(nameField, z.array(release)),
  /** Config vars as releases had them, by app id: a copy from each release that changed them, oldest first (state/releases.ts). */
  releaseConfigVars: z.record(nameField, z.array(z.object({ version: count, vars: configVars }))),
  slugs: z.array(slug),
  builds: z.array(build),
  formation: z.array(formation),
  addons: z.array(addon),
  attachments: z.array(attachment),
  domains: z.array(domain),
  sniEndpoints: z.array(sniEndpoint),
  /** Enabled feature names by app id. */
  features: z.record(nameField, listField(nameField)),
  /** Buildpack URLs or names by app id, in order. */
  buildpacks: z.record(nameField, listField(textField)),
  pipelines: z.array(pipeline),
  couplings: z.array(coupling),
  promotions: z.array(promotion),
  promotionTargets: z.array(promotionTarget),
  /** Pipeline stage config vars by `<pipeline id>:<stage>`. */
  pipelineConfigVars: z.record(nameField, configVars),
  drains: z.array(drain),
  webhooks: z.array(webhook),
  collaborators: z.array(collaborator),
  teams: listField(team),
  teamMembers: z.array(teamMember),
  teamApps: z.array(teamApp),
  spaces: z.array(space),
  inboundRulesets: z.array(inboundRuleset),
  vpnConnections: z.array(vpnConnection),
  peerings: z.array(peering),
  spaceAppAccess: z.array(spaceAppAccess),
  pipelineRepositories: z.array(pipelineRepository),
  reviewAppConfigs: z.array(reviewAppConfig),
  telemetryDrains: z.array(telemetryDrain),
  /** Enabled account features (`heroku labs`), by name (state/account-features.ts). */
  accountFeatures: listField(nameField),
  dataStores: z.array(dataStore),
  pending: pendingWork,
});
export type PlatformData = z.infer<typeof platformData>;
