/**
 * What is known of one app when its rules run: the shape both an
 * environment file and a tree of constructs reduce to. A value that is not
 * known yet (a Terraform variable, a reference: a Token) is `undefined`,
 * and rules judge only what is known.
 */
export interface ProcessFacts {
  /** Heroku's name of the size, as written. */
  readonly size?: string;
  readonly quantity?: number;
}

export interface AddonFacts {
  /** Heroku's service name (`heroku-postgresql`) or its short name (`postgres`). */
  readonly service?: string;
  /** The plan within the service; the service's default when absent. */
  readonly plan?: string;
  readonly version?: string;
  /** The attachment name on this app: the config var prefix. */
  readonly as?: string;
  /** Other apps the add-on is attached to as well. */
  readonly attachTo: readonly AttachmentFacts[];
}

export interface AttachmentFacts {
  /** The other app's name. */
  readonly app?: string;
  /** The attachment's name there, when it is not the add-on's `as`. */
  readonly as?: string;
}

export interface CollaboratorFacts {
  readonly email?: string;
  /** The permissions given, when any were (a team app's collaborator has view unless told otherwise). */
  readonly permissions?: readonly (string | undefined)[];
}

export interface TelemetryDrainFacts {
  /** The drain's name: its key under `telemetryDrains`, its construct id. */
  readonly name: string;
  readonly endpoint?: string;
  /** `otlphttp` or `otlp`. */
  readonly exporter?: string;
  readonly signals: readonly (string | undefined)[];
  /** Header names and values; a value not known yet is `undefined`. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** The private space an app runs in. */
export interface SpaceFacts {
  readonly name?: string;
  /** `cedar` or `fir`, when known (a space referenced by name is looked up at plan time). */
  readonly generation?: string;
}

export interface AppFacts {
  readonly name?: string;
  /** Whether a team owns the app (else it is a personal app). */
  readonly team: boolean;
  /** The region as written, if it was: an app in a space takes its space's. */
  readonly region?: string;
  readonly space?: SpaceFacts;
  readonly acm?: boolean;
  readonly features: readonly (string | undefined)[];
  /** By process type. */
  readonly formation: Readonly<Record<string, ProcessFacts>>;
  /** The keys of the plain config vars. */
  readonly config: readonly string[];
  /** The keys of the secret config vars. */
  readonly secrets: readonly string[];
  readonly addons: readonly AddonFacts[];
  readonly domains: readonly (string | undefined)[];
  readonly collaborators: readonly CollaboratorFacts[];
  /** The names of the log drains (heroku_drain). */
  readonly logDrains: readonly string[];
  readonly telemetryDrains: readonly TelemetryDrainFacts[];
  /** The process types the build source's Procfile declares, when the source is on disk and has one. */
  readonly procfile?: { readonly file: string; readonly types: readonly string[] };
}
