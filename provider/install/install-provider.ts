/**
 * Installs the local provider where Terraform finds it offline: a
 * self-contained package (one bundled script and a shim) in a
 * `filesystem_mirror`, and a CLI config file that points only the
 * heroku/heroku provider at that mirror. Deploys to real Heroku never see
 * either: the config file is handed to Terraform (TF_CLI_CONFIG_FILE) for
 * local targets only.
 */
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../lib/atomic-file";
import { PROVIDER_ADDRESS, PROVIDER_VERSION } from "../protocol/schema";

export interface InstalledProvider {
  /** The Terraform CLI configuration to use for local targets. */
  readonly cliConfigFile: string;
  /** The package directory Terraform hashes into the lock file. */
  readonly packageDir: string;
  /** True when the package's content changed (or is new) with this call. */
  readonly changed: boolean;
}

const ENTRY = resolve(__dirname, "..", "main.ts");

export function terraformPlatform(): string {
  const arch = { x64: "amd64", arm64: "arm64", ia32: "386" }[process.arch as string] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** Bundles and installs the provider under `dir` (e.g. `.dynoform/local/terraform`); cheap when nothing changed. */
export function installLocalProvider(dir: string): InstalledProvider {
  const mirror = resolve(dir, "mirror");
  const packageDir = join(mirror, PROVIDER_ADDRESS, PROVIDER_VERSION, terraformPlatform());
  mkdirSync(packageDir, { recursive: true });
  const bundle = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    write: false,
    legalComments: "none",
  }).outputFiles[0].contents;
  const script = join(packageDir, "provider.cjs");
  const shim = join(packageDir, `terraform-provider-heroku_v${PROVIDER_VERSION}`);
  const shimText = `#!/bin/sh\n# dynoform's local heroku/heroku provider ${PROVIDER_VERSION}\nexec "${process.execPath}" "$(dirname "$0")/provider.cjs" "$@"\n`;
  const changed = !sameContent(script, bundle) || !sameContent(shim, Buffer.from(shimText));
  if (changed) {
    writeFileAtomic(script, Buffer.from(bundle), 0o644);
    writeFileAtomic(shim, shimText, 0o755);
    chmodSync(shim, 0o755);
  }
  const cliConfigFile = resolve(dir, "cli.tfrc");
  const [host, namespace, type] = PROVIDER_ADDRESS.split("/");
  const source = `${host}/${namespace}/${type}`;
  writeFileAtomic(
    cliConfigFile,
    [
      "# Written by dynoform for local targets only: heroku/heroku comes from the local mirror.",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = [${JSON.stringify(source)}]`,
      "  }",
      "  direct {",
      `    exclude = [${JSON.stringify(source)}]`,
      "  }",
      "}",
      "",
    ].join("\n"),
    0o644,
  );
  return { cliConfigFile, packageDir, changed };
}

function sameContent(file: string, content: Uint8Array): boolean {
  if (!existsSync(file)) return false;
  const digest = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
  return digest(readFileSync(file)) === digest(content);
}
