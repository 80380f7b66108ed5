/**
 * Everything a deploy to the embedded platform needs, set up in one call:
 * the platform running, the local heroku/heroku provider installed in its
 * mirror, and the environment that points cdktf and Terraform at both — the
 * CLI config file, the platform's key, the create journal. None of it is
 * used by deploys to real Heroku.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { installLocalProvider } from "../provider/install/install-provider";
import { localPaths, platformPort } from "../lib/local-paths";
import { ensurePlatform } from "./platform-process";

export interface LocalTarget {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly platformStarted: boolean;
  /** The environment for cdktf: target variables, provider installation, credentials. */
  readonly env: Record<string, string>;
}

export async function prepareLocalTarget(): Promise<LocalTarget> {
  const paths = localPaths();
  const platform = await ensurePlatform(paths.platform, platformPort());
  const provider = installLocalProvider(paths.terraform);
  // A new provider package has a new hash: the local lock files and installed copies must go.
  if (provider.changed) forgetInstalledProviders(paths.outDir);
  return {
    apiUrl: platform.url,
    apiKey: platform.apiKey,
    platformStarted: platform.started,
    env: {
      DYNOFORM_TARGET: "local",
      DYNOFORM_API_URL: platform.url,
      DYNOFORM_STATE_DIR: paths.state,
      DYNOFORM_PROVIDER_JOURNAL: paths.journal,
      HEROKU_API_KEY: platform.apiKey,
      TF_CLI_CONFIG_FILE: provider.cliConfigFile,
      // cdktf would point Terraform at a shared plugin cache; the local provider lives in its own mirror.
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
    },
  };
}

function forgetInstalledProviders(outDir: string): void {
  const stacks = join(outDir, "stacks");
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    rmSync(join(stacks, stack, ".terraform.lock.hcl"), { force: true });
    rmSync(join(stacks, stack, ".terraform", "providers"), { recursive: true, force: true });
  }
}
