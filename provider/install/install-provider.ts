/**
 * Installs the local provider where Terraform finds it offline: a
 * self-contained package (two bundled scripts and a shim) in a
 * `filesystem_mirror`, and a CLI config file that points only the
 * heroku/heroku provider at that mirror. Deploys to real Heroku never see
 * either: the config file is handed to Terraform (TF_CLI_CONFIG_FILE) for
 * local targets only.
 */
import { buildSync, type BuildOptions } from "esbuild";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../lib/atomic-file";
import { PROVIDER_ADDRESS, PROVIDER_VERSION } from "../protocol/schema";
import { CACHE_DIR_VARIABLE } from "../server/serve";

export interface InstalledProvider {
  /** The Terraform CLI configuration to use for local targets. */
  readonly cliConfigFile: string;
  /** The package directory Terraform hashes into the lock file. */
  readonly packageDir: string;
  /** True when the package's content changed (or is new) with this call. */
  readonly changed: boolean;
}

const ENTRY = resolve(__dirname, "..", "main.ts");
/** What main.ts imports after the handshake, as it names it: installed as a file of its own at that path. */
const RPC_IMPORT = "./server/grpc-server";

export function terraformPlatform(): string {
  const arch = { x64: "amd64", arm64: "arm64", ia32: "386" }[process.arch as string] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/**
 * The package's files: the shim Terraform runs, the script it runs, which
 * answers the handshake with as little loaded as it can, and the rest of the
 * provider, which that script loads after the handshake. The package.json
 * keeps `.js` files CommonJS whatever the project around the mirror says.
 */
function packageFiles(cacheDir: string): Record<string, { readonly content: Uint8Array; readonly mode: number }> {
  const bundle = (entry: string, options: Pick<BuildOptions, "external" | "supported">) =>
    buildSync({ entryPoints: [entry], bundle: true, platform: "node", target: "node20", format: "cjs", write: false, legalComments: "none", ...options }).outputFiles[0].contents;
  const handshake = bundle(ENTRY, { external: [RPC_IMPORT], supported: { "dynamic-import": false } });
  const shim = [
    "#!/bin/sh",
    `# dynoform's local heroku/heroku provider ${PROVIDER_VERSION}`,
    `${CACHE_DIR_VARIABLE}=${shellQuote(cacheDir)}`,
    `export ${CACHE_DIR_VARIABLE}`,
    // Terraform runs the shim by its path; cutting its name off costs no dirname process.
    `exec ${shellQuote(process.execPath)} "\${0%/*}/provider.cjs" "$@"`,
    "",
  ].join("\n");
  return {
    [`terraform-provider-heroku_v${PROVIDER_VERSION}`]: { content: Buffer.from(shim), mode: 0o755 },
    "provider.cjs": { content: handshake, mode: 0o644 },
    [`${RPC_IMPORT}.js`]: { content: bundle(resolve(ENTRY, "..", `${RPC_IMPORT}.ts`), {}), mode: 0o644 },
    "package.json": { content: Buffer.from(`${JSON.stringify({ type: "commonjs" })}\n`), mode: 0o644 },
  };
}

/** Bundles and installs the provider under `dir` (e.g. `.dynoform/local/terraform`); cheap when nothing changed. */
export function installLocalProvider(dir: string): InstalledProvider {
  const mirror = resolve(dir, "mirror");
  const packageDir = join(mirror, PROVIDER_ADDRESS, PROVIDER_VERSION, terraformPlatform());
  // What the provider keeps between starts lives beside the mirror: the package must stay as Terraform hashed it.
  const files = Object.entries(packageFiles(resolve(dir, "provider-cache")));
  const changed = files.some(([name, file]) => !sameContent(join(packageDir, name), file.content));
  if (changed) {
    for (const [name, file] of files) {
      writeFileAtomic(join(packageDir, name), Buffer.from(file.content), file.mode);
      chmodSync(join(packageDir, name), file.mode);
    }
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

/** `text` as one word for sh, whatever it holds (internal helper). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
