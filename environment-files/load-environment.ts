/**
 * Reads one environment file: YAML syntax, then the schema and its rules,
 * then what only the file system can tell (the build source exists, the
 * formation scales process types its Procfile declares). Every problem is
 * located in the file.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { environmentSchema, type EnvironmentSpec } from "./environment-spec";
import { locateProblem, parseYamlSource, syntaxProblems, type Problem, type YamlSource } from "./located-problem";
import { procfileProblems } from "../rules";
import { parseProcfile } from "../vocabulary";
import { environmentFacts } from "./environment-rules";
import { problemsFromIssues } from "./zod-problems";

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
export function parseEnvironment(file: string, text: string): ParseResult {
  const source = parseYamlSource(file, text);
  const name = basename(file, extname(file));
  const badName = environmentNameProblem(name);
  if (badName) return { problems: [`${file}:1:1: ${badName}`] };
  const syntax = syntaxProblems(source);
  if (syntax.length > 0) return { problems: syntax };
  if (source.document.contents === null) {
    return { problems: [`${file}:1:1: the file is empty: an environment needs at least app.name and app.source`] };
  }
  const parsed = environmentSchema.safeParse(source.document.toJS(), { reportInput: true });
  if (!parsed.success) return { problems: problemsFromIssues(parsed.error.issues).map((p) => locateProblem(p, source)) };
  const written = parsed.data.app.source;
  const spec = { ...parsed.data, app: { ...parsed.data.app, source: written === undefined ? undefined : resolveSource(file, written) } };
  const problems = checkSourceOnDisk(spec).map((p) => locateProblem(p, source));
  return problems.length > 0 ? { problems } : { environment: { name, spec, yaml: source }, problems: [] };
}

/** An https URL stays as is; a path is taken from the environment file's folder (internal helper). */
function resolveSource(file: string, written: string): string {
  return written.startsWith("https://") ? written : resolve(dirname(file), written);
}

function checkSourceOnDisk(spec: EnvironmentSpec): Problem[] {
  const path = spec.app.source;
  if (path === undefined || path.startsWith("https://")) return [];
  const shown = relative(process.cwd(), path) || ".";
  if (!existsSync(path)) return [{ path: ["app", "source"], message: `"${shown}" does not exist` }];
  const procfile = join(path, "Procfile");
  if (!statSync(path).isDirectory() || !existsSync(procfile)) return [];
  const types = Object.keys(parseProcfile(readFileSync(procfile, "utf8")));
  return procfileProblems({ ...environmentFacts(spec), procfile: { file: relative(process.cwd(), procfile), types } });
}
