/**
 * Everything a deploy to the embedded platform needs, set up in one call:
 * the platform running, the local heroku/heroku provider installed in its
 * mirror, and the environment that points the synth and Terraform at both — the
 * CLI config file, the platform's key, the create journal. None of it is
 * used by deploys to real Heroku.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { installLocalProvider } from "../provider/install/install-provider";
import { HerokuClient, orGone } from "../lib/heroku-api-client";
import { localPaths, platformPort } from "../lib/local-paths";
import { UserError } from "../lib/user-error";
import { ensurePlatform } from "./platform-process";
import type { SynthesizedStack } from "./secrets";

export interface LocalTarget {
  readonly apiUrl: string;
  readonly apiKey: string;
  /** Which platform the deploy uses and why, in one line for the user. */
  readonly platformLine: string;
  /** The environment for the synth and Terraform: target variables, provider installation, credentials. */
  readonly env: Record<string, string>;
  /** The installed local provider package, which the run starts once (local-provider.ts). */
  readonly providerPackageDir: string;
}

export async function prepareLocalTarget(env: NodeJS.ProcessEnv = process.env): Promise<LocalTarget> {
  const paths = localPaths(env);
  const platform = (await sharedPlatform(env)) ?? (await ownPlatform(paths.platform, platformPort(env)));
  const provider = installLocalProvider(paths.terraform);
  // A new provider package has a new hash: the local lock files and installed copies must go.
  if (provider.changed) forgetInstalledProviders(paths.outDir);
  return {
    apiUrl: platform.url,
    apiKey: platform.apiKey,
    platformLine: platform.line,
    providerPackageDir: provider.packageDir,
    env: {
      DYNOFORM_TARGET: "local",
      DYNOFORM_API_URL: platform.url,
      DYNOFORM_STATE_DIR: paths.state,
      DYNOFORM_PROVIDER_JOURNAL: paths.journal,
      HEROKU_API_KEY: platform.apiKey,
      TF_CLI_CONFIG_FILE: provider.cliConfigFile,
      // No shared plugin cache (cdktf's default, and the runner's): the local provider lives in its own mirror.
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
    },
  };
}

interface ChosenPlatform {
  readonly url: string;
  readonly apiKey: string;
  readonly line: string;
}

/** The platform under this DYNOFORM_HOME, started when none is running (internal helper). */
async function ownPlatform(dataDir: string, port: number): Promise<ChosenPlatform> {
  const { url, apiKey, started, recordsOnly } = await ensurePlatform(dataDir, port);
  const where = started ? `started the embedded platform on ${url}` : `using the embedded platform on ${url} (data in ${dataDir})`;
  // A data engine that is not installed is said once, when the platform starts: its add-ons are records only.
  const line = [where, ...(started ? recordsOnly : [])].join("\n");
  return { url, apiKey, line };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The platform HEROKU_API_URL and HEROKU_API_KEY name together (as
 * `eval "$(npx dynoform platform env)"` exports them), so that working
 * copies with homes of their own rehearse against one platform. A key alone
 * is a real Heroku user's and is ignored. The URL must be loopback: the
 * embedded platform listens nowhere else, and the local provider must never
 * be pointed at real Heroku. It is asked who the key is, so a stopped
 * platform or a wrong key is one line before anything is synthesized.
 */
async function sharedPlatform(env: NodeJS.ProcessEnv): Promise<ChosenPlatform | undefined> {
  const url = env.HEROKU_API_URL;
  const apiKey = env.HEROKU_API_KEY;
  if (!url || !apiKey) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new UserError(`HEROKU_API_URL "${url}" is not a URL`);
  }
  if (!LOOPBACK.has(host)) {
    throw new UserError(`HEROKU_API_URL ${url} is not an embedded platform (not a loopback address): unset it for a platform of your own, or deploy with --target heroku`);
  }
  try {
    await new HerokuClient({ url, apiKey, maxAttempts: 1 }).get("/account");
  } catch (error) {
    throw new UserError(`the embedded platform at ${url} (HEROKU_API_URL) does not answer to HEROKU_API_KEY: ${(error as Error).message}`);
  }
  return { url, apiKey, line: `using the shared embedded platform on ${url} (HEROKU_API_URL)` };
}

function forgetInstalledProviders(outDir: string): void {
  const stacks = join(outDir, "stacks");
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    rmSync(join(stacks, stack, ".terraform.lock.hcl"), { force: true });
    rmSync(join(stacks, stack, ".terraform", "providers"), { recursive: true, force: true });
  }
}

/** The teams the stacks' apps (`organization.name`) and team members (`team`) name, tokens left out: those are known only on apply (internal helper). */
function teamsNamed(stacks: readonly SynthesizedStack[]): string[] {
  const names = stacks.flatMap((stack) =>
    [
      ...Object.values(stack.json.resource?.heroku_app ?? {}).map((app) => app.organization?.name),
      ...Object.values(stack.json.resource?.heroku_team_member ?? {}).map((member) => member.team),
    ].filter((name): name is string => typeof name === "string" && !name.includes("${")),
  );
  return [...new Set(names)].sort();
}

/**
 * On Heroku the teams an estate names exist before it is deployed; on the
 * embedded platform, a rehearsal creates the missing ones the way an admin
 * would (`POST /teams`), the account their admin, and says so.
 */
export async function ensureEstateTeams(target: LocalTarget, stacks: readonly SynthesizedStack[], say: (line: string) => void = console.log): Promise<void> {
  const client = new HerokuClient({ url: target.apiUrl, apiKey: target.apiKey });
  for (const name of teamsNamed(stacks)) {
    if (await orGone(client.get(`/teams/${encodeURIComponent(name)}`))) continue;
    await client.post("/teams", { name });
    say(`created team ${name} on the embedded platform (the account is its admin)`);
  }
}
