/**
 * The estate's own settings, in an optional `dynoform.yaml` at the project
 * root: where each target keeps its Terraform state, and the members of the
 * teams the estate's apps belong to (a team is shared by many environments,
 * so it is said once, here, not in each environment file). Mistakes are
 * located lines, as in the environment files; connection strings and
 * credentials have no key here: Terraform reads them from the environment.
 *
 * ```yaml
 * state:
 *   heroku: { backend: pg, schemaPrefix: shop }      # PG_CONN_STR from the environment
 *   local: { backend: local }                        # the default
 * teams:
 *   acme:
 *     members:
 *       - { email: alice@example.com, role: admin }
 * ```
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { teamMemberProblems } from "../rules";
import { notAKnownName, TEAM_ROLES } from "../vocabulary";
import { strict } from "./strict-object";
import { locateProblem, SpecError } from "./located-problem";
import { problemsFromIssues } from "./zod-problems";
import { readYamlFile } from "./yaml-file";

export const PROJECT_CONFIG_FILE = "dynoform.yaml";

/**
 * The project: the directory dynoform runs in, holding cdktf.json,
 * dynoform.yaml and environments/. The CLI is run there and runs cdktf's app
 * there, so every relative name (dynoform.yaml, environments/) is read from it.
 */
export function projectDir(): string {
  return process.cwd();
}

/** The state backends dynoform offers, by the names dynoform.yaml and DYNOFORM_BACKEND use. */
export const STATE_BACKENDS = ["local", "pg", "s3", "http", "cloud"] as const;
export type StateBackendName = (typeof STATE_BACKENDS)[number];

const text = z.string().min(1);
const stateSchema = z.discriminatedUnion("backend", [
  strict({ backend: z.literal("local"), dir: text.optional() }),
  strict({ backend: z.literal("pg"), schemaPrefix: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional() }),
  strict({ backend: z.literal("s3"), bucket: text, region: text, keyPrefix: text.optional() }),
  strict({ backend: z.literal("http"), address: z.url({ protocol: /^https?$/ }) }),
  strict({ backend: z.literal("cloud"), organization: text, workspacePrefix: text.optional(), hostname: text.optional() }),
], {
  error: (issue) => {
    const backend = (issue.input as { backend?: unknown } | undefined)?.backend;
    return backend === undefined ? undefined : `${notAKnownName(backend, "a state backend", STATE_BACKENDS)}: ${STATE_BACKENDS.join(", ")}`;
  },
});

const memberSchema = strict({
  email: text.describe("The member's email address."),
  role: z
    .enum(TEAM_ROLES, { error: (issue) => (issue.input === undefined ? undefined : notAKnownName(issue.input, "a team role", TEAM_ROLES)) })
    .describe("admin, member or viewer."),
  federated: z.boolean().default(false).describe("Signs in through the team's identity provider (default false)."),
});

const teamSchema = strict({ members: z.array(memberSchema).default([]) }).superRefine((team, ctx) => {
  for (const { path, message } of teamMemberProblems(team.members)) ctx.addIssue({ code: "custom", path: [...path], message });
});

const projectSchema = strict({
  state: strict({ heroku: stateSchema.optional(), local: stateSchema.optional() }).prefault({}),
  teams: z.record(text, teamSchema).default({}),
});

export type ProjectConfig = z.output<typeof projectSchema>;
/** Where one target keeps its state, as dynoform.yaml says it. */
export type StateSettings = z.output<typeof stateSchema>;
/** A team's members, as dynoform.yaml says them. */
export type TeamSettings = z.output<typeof teamSchema>;

/**
 * The project's settings; the defaults when the file is absent.
 * @throws SpecError with every located problem of the file
 */
export function loadProjectConfig(file: string = PROJECT_CONFIG_FILE): ProjectConfig {
  if (!existsSync(file)) return projectSchema.parse({});
  const { source, value, problems } = readYamlFile(file);
  if (!source) throw new SpecError(problems);
  const parsed = projectSchema.safeParse(value ?? {}, { reportInput: true });
  if (!parsed.success) throw new SpecError(problemsFromIssues(parsed.error.issues).map((p) => locateProblem(p, source)));
  return parsed.data;
}
