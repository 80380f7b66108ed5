/** The platform's stored records: the shapes of Heroku's Platform API objects, as served. */
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
  git_url: string;
  web_url: string;
  repo_size: number | null;
  slug_size: number | null;
  archived_at: string | null;
  created_at: string;
  released_at: string | null;
  updated_at: string;
  generation: "cedar";
}

export interface ReleaseRecord {
  id: string;
  version: number;
  description: string;
  status: "succeeded" | "pending" | "failed";
  current: boolean;
  app: { id: string; name: string };
  user: { id: string; email: string };
  slug: { id: string } | null;
  addon_plan_names: string[];
  output_stream_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlatformData {
  account: AccountRecord;
  apps: AppRecord[];
  /** Config vars by app id. */
  configVars: Record<string, Record<string, string>>;
  /** Releases by app id, oldest first. */
  releases: Record<string, ReleaseRecord[]>;
}
