/**
 * Reads one environment file: YAML syntax, then the schema and its rules,
 * then what only the file system can tell (the build source exists, stays
 * inside the project unless it says otherwise, has no link leading out of
 * it, and the formation scales process types its Procfile declares). Every
 * problem is located in the file.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { sourceTree, SourceTreeError } from "../lib/source-tree";
import { environmentSchema, type EnvironmentSpec, type WrittenSource } from "./environment-spec";
import { locateProblem, type Problem, type YamlSource } from "./located-problem";
import { procfileProblems } from "../rules";
import { parseProcfile } from "../vocabulary";
import { environmentFacts } from "./environment-rules";
import { problemsFromIssues } from "./zod-problems";
import { parseYaml, readYamlFile, type YamlRead } from "./yaml-file";

export interface LoadedEnvironment {
  /** The environment's name: the file name without `.yaml` (`staging`). */
  readonly name: string;
  /**
   * The validated spec. `app.source` is an https URL or an absolute path
   * (resolved from the file's folder), a directory or a tarball that exists.
   */
  readonly spec: EnvironmentSpec;
  /** The parsed file, to locate later problems (estate rules, constructs) in it. */
  readonly yaml: YamlSource;
}

export interface EnvironmentOptions {
  /**
   * The folders of the project (see `estateProject`): a local source that
   * resolves, through any link, outside all of them must be written
   * `{ path, outsideProject: true }`. Without them (a lone file, as a test
   * parses one) where a source lies is not judged.
   */
  readonly project?: readonly string[];
}

/** What an environment may be called: it names a file, a stack and Terraform variables. */
const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

/** The problem with an environment name, if any: also what keeps a name like `../e` from leaving `environments/`. */
export function environmentNameProblem(name: string): string | undefined {
  return ENVIRONMENT_NAME_PATTERN.test(name) ? undefined : `"${name}" is not an environment name: lowercase letters, digits and dashes, starting with a letter`;
}

export type ParseResult = { environment: LoadedEnvironment; problems: [] } | { environment?: undefined; problems: string[] };

/**
 * Parses an environment file's text. `file` is the name shown in messages
 * and, resolved from the working directory, the base of relative sources.
 */
export function parseEnvironment(file: string, text: string, options: EnvironmentOptions = {}): ParseResult {
  return environmentOf(file, () => parseYaml(file, text), options);
}

/** Reads and parses an environment file, as `parseEnvironment`; one too large to read is refused unread. */
export function readEnvironment(file: string, options: EnvironmentOptions = {}): ParseResult {
  return environmentOf(file, () => readYamlFile(file), options);
}

function environmentOf(file: string, read: () => YamlRead, options: EnvironmentOptions): ParseResult {
  const name = basename(file, extname(file));
  const badName = environmentNameProblem(name);
  if (badName) return { problems: [`${file}:1:1: ${badName}`] };
  const { source, value, problems: unread } = read();
  if (!source) return { problems: unread };
  if (source.document.contents === null) {
    return { problems: [`${file}:1:1: the file is empty: an environment needs at least app.name and app.source`] };
  }
  const parsed = environmentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { problems: problemsFromIssues(parsed.error.issues).map((p) => locateProblem(p, source)) };
  const written = parsed.data.app.source;
  const spec: EnvironmentSpec = { ...parsed.data, app: { ...parsed.data.app, source: written === undefined ? undefined : resolveSource(file, written) } };
  const problems = checkSourceOnDisk(spec, written, options).map((p) => locateProblem(p, source));
  return problems.length > 0 ? { problems } : { environment: { name, spec, yaml: source }, problems: [] };
}

/** An https URL stays as is; a path is taken from the environment file's folder (internal helper). */
function resolveSource(file: string, written: WrittenSource): string {
  const path = typeof written === "string" ? written : written.path;
  return path.startsWith("https://") ? path : resolve(dirname(file), path);
}

const SOURCE: Problem["path"] = ["app", "source"];

function checkSourceOnDisk(spec: EnvironmentSpec, written: WrittenSource | undefined, options: EnvironmentOptions): Problem[] {
  const path = spec.app.source;
  if (path === undefined || written === undefined || path.startsWith("https://")) return [];
  const shown = relative(process.cwd(), path) || ".";
  if (!existsSync(path)) return [{ path: SOURCE, message: `"${shown}" does not exist` }];
  const outside = options.project && projectProblem(path, written, options.project);
  if (outside) return [{ path: SOURCE, message: outside }];
  if (!statSync(path).isDirectory()) return [];
  try {
    sourceTree(path);
  } catch (error) {
    if (error instanceof SourceTreeError) return [{ path: SOURCE, message: error.message }];
    throw error;
  }
  const procfile = join(path, "Procfile");
  if (!existsSync(procfile)) return [];
  const types = Object.keys(parseProcfile(readFileSync(procfile, "utf8")));
  return procfileProblems({ ...environmentFacts(spec), procfile: { file: relative(process.cwd(), procfile), types } });
}

/** Whether `path`, where it really is (through any link), is in one of the project's folders. */
export function sourceInProject(path: string, project: readonly string[]): boolean {
  const real = realpathSync(path);
  return project.some((folder) => {
    const root = realpathSync(folder);
    return real === root || real.startsWith(root + sep);
  });
}

/**
 * Whether the form of the source matches where it is: in the project for
 * the plain form, outside it for `outsideProject: true` (internal helper).
 */
function projectProblem(path: string, written: WrittenSource, project: readonly string[]): string | undefined {
  const inside = sourceInProject(path, project);
  if (typeof written === "string") {
    return inside
      ? undefined
      : `"${written}" is outside the project (it is ${realpathSync(path)}): write source: { path: ${written}, outsideProject: true } to build it from there`;
  }
  return inside ? `"${written.path}" is inside the project: write it as source: ${written.path}, without outsideProject` : undefined;
}
