/**
 * The platform's stored records: the shapes of Heroku's Platform API objects,
 * except that a record refers to another by id alone. Names (an app's, an
 * add-on's, a pipeline's) live only on the record they name, and are filled
 * in when a record is answered, so a rename is seen everywhere at once.
 */
/** A reference to another record: its id, never its name. */
export type Ref = { id: string };
/** A fixed thing of Heroku's vocabulary (region, stack, size, plan): its id and its name, which never change. */
export type NamedRef = { id: string; name: string };

export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface AppRecord {
  id: string;
  name: string;
  region: { id: string; name: string };
  stack: { id: string; name: string };
  build_stack: { id: string; name: string };
  owner: { id: string; email: string };
  organization: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  space: null;
  acm: boolean;
  maintenance: boolean;
  internal_routing: boolean | null;
  buildpack_provided_description: string | null;
  repo_size: number | null;
  slug_size: number | null;
  archived_at: string | null;
  created_at: string;
  released_at: string | null;
  updated_at: string;
  /** The platform generation: an object in v3 (heroku-go decodes `{id, name}`; a bare string fails it). */
  generation: { id: string; name: "cedar" };
}

export interface ReleaseRecord {
  id: string;
  version: number;
  description: string;
  status: "succeeded" | "pending" | "failed";
  current: boolean;
  app: Ref;
  user: { id: string; email: string };
  slug: { id: string } | null;
  addon_plan_names: string[];
  artifacts: { type: string; id: string }[];
  eligible_for_rollback: boolean;
  output_stream_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface SlugRecord {
  id: string;
  app: Ref;
  blob: { method: string; url: string };
  buildpack_provided_description: string | null;
  checksum: string | null;
  commit: string | null;
  commit_description: string | null;
  process_types: Record<string, string>;
  size: number | null;
  stack: NamedRef;
  created_at: string;
  updated_at: string;
}

export interface BuildRecord {
  id: string;
  app: Ref;
  buildpacks: { url: string; name: string }[];
  output_stream_url: string;
  release: Ref | null;
  slug: Ref | null;
  source_blob: { checksum: string | null; url: string; version: string | null; version_description: string | null };
  stack: string;
  status: "pending" | "succeeded" | "failed";
  user: { id: string; email: string };
  created_at: string;
  updated_at: string;
}

export interface FormationRecord {
  id: string;
  app: Ref;
  type: string;
  command: string;
  quantity: number;
  /** Deprecated by Heroku for `dyno_size`, still read by the CLI and the provider. */
  size: string;
  /** What heroku-go v6 reads and sends. */
  dyno_size: NamedRef;
  created_at: string;
  updated_at: string;
}

export interface AddonPrice {
  cents: number;
  contract: boolean;
  metered: boolean;
  unit: string;
}

export interface AddonRecord {
  id: string;
  name: string;
  /** The app that owns (and is billed for) the add-on. */
  app: Ref;
  addon_service: NamedRef;
  /** The plan with its list price: the CLI reads `plan.price` (Heroku expands it on `Accept-Expansion: plan`). */
  plan: NamedRef & { price: AddonPrice };
  provider_id: string;
  config_vars: string[];
  provision_message: string;
  state: "provisioning" | "provisioned" | "deprovisioned";
  billed_price: { cents: number; contract: boolean; unit: string };
  actions: unknown[];
  created_at: string;
  updated_at: string;
}

export interface AttachmentRecord {
  id: string;
  name: string;
  namespace: string | null;
  addon: Ref;
  app: Ref;
  log_input_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface DomainRecord {
  id: string;
  app: Ref;
  /** For the app's own domain, `<app name>.herokuapp.com`: a rename renames it. */
  hostname: string;
  kind: "heroku" | "custom";
  cname: string | null;
  status: string;
  acm_status: string | null;
  acm_status_reason: string | null;
  sni_endpoint: Ref | null;
  created_at: string;
  updated_at: string;
}

/** What Heroku reads from an SNI endpoint's certificate. */
export interface SslCert {
  id: string;
  "ca_signed?": boolean;
  "self_signed?": boolean;
  cert_domains: string[];
  issuer: string | null;
  subject: string | null;
  starts_at: string | null;
  expires_at: string | null;
}

export interface SniEndpointRecord {
  id: string;
  name: string;
  display_name: string | null;
  app: Ref;
  certificate_chain: string;
  ssl_cert: SslCert;
  created_at: string;
  updated_at: string;
}

export interface PipelineRecord {
  id: string;
  name: string;
  owner: { id: string; type: string };
  generation: { id: string; name: "cedar" };
  created_at: string;
  updated_at: string;
}

export interface CouplingRecord {
  id: string;
  app: Ref;
  pipeline: Ref;
  stage: string;
  created_at: string;
  updated_at: string;
}

export interface PromotionRecord {
  id: string;
  pipeline: Ref;
  source: { app: Ref; release: Ref };
  status: "pending" | "completed";
  created_at: string;
  updated_at: string;
}

export interface PromotionTargetRecord {
  id: string;
  app: Ref;
  pipeline_promotion: Ref;
  release: Ref | null;
  status: "pending" | "succeeded" | "failed";
  error_message: string | null;
}

export interface DrainRecord {
  id: string;
  url: string;
  token: string;
  addon: null;
  app: Ref;
  created_at: string;
  updated_at: string;
}

export interface WebhookRecord {
  id: string;
  app: Ref;
  include: string[];
  level: string;
  url: string;
  created_at: string;
  updated_at: string;
}

export interface CollaboratorRecord {
  id: string;
  app: Ref;
  user: { id: string; email: string; federated: boolean };
  role: string | null;
  permissions: unknown[];
  created_at: string;
  updated_at: string;
}

/** Work the platform finishes later, as Heroku does: what is due when (ISO time) by record id. */
export interface PendingWork {
  builds: Record<string, string>;
  addons: Record<string, string>;
  promotions: Record<string, string>;
}

export interface PlatformData {
  account: AccountRecord;
  apps: AppRecord[];
  /** Config vars by app id. */
  configVars: Record<string, Record<string, string>>;
  /** Releases by app id, oldest first. */
  releases: Record<string, ReleaseRecord[]>;
  slugs: SlugRecord[];
  builds: BuildRecord[];
  formation: FormationRecord[];
  addons: AddonRecord[];
  attachments: AttachmentRecord[];
  domains: DomainRecord[];
  sniEndpoints: SniEndpointRecord[];
  /** Enabled feature names by app id. */
  features: Record<string, string[]>;
  /** Buildpack URLs or names by app id, in order. */
  buildpacks: Record<string, string[]>;
  pipelines: PipelineRecord[];
  couplings: CouplingRecord[];
  promotions: PromotionRecord[];
  promotionTargets: PromotionTargetRecord[];
  /** Pipeline stage config vars by `<pipeline id>:<stage>`. */
  pipelineConfigVars: Record<string, Record<string, string>>;
  drains: DrainRecord[];
  webhooks: WebhookRecord[];
  collaborators: CollaboratorRecord[];
  pending: PendingWork;
}
