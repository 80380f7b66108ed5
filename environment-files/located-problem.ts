/**
 * A problem found in a YAML file, and the one function that turns it into
 * the message users see: `environments/staging.yaml:12:5: formation.web.size: "standard-3x" is not a dyno size`.
 * Anything that reads YAML into a spec (synth, clone, import) reports through it;
 * files are read through yaml-file.ts, which keeps their size, depth and aliases in bounds.
 */
import { UserError } from "../lib/user-error";
import { formatPath, type Problem, type ProblemPath } from "../rules";
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";

export type { Problem, ProblemPath } from "../rules";

/** A parsed YAML file with what is needed to point into it. */
export interface YamlSource {
  /** The file name as the user should see it (relative to the project). */
  readonly file: string;
  readonly document: Document;
  readonly lineCounter: LineCounter;
}

/** The document of `text`, unbounded: files are read with yaml-file.ts, which calls this once the text is in bounds. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  return { file, document, lineCounter };
}

/**
 * The offset the path points at: the key of the deepest mapping entry found
 * (so `formation.web.size` points at `size:`), a list item itself, or the
 * nearest existing parent when the path leads to something missing.
 */
function offsetOf(document: Document, path: ProblemPath): number {
  let node: unknown = document.contents;
  let offset = (document.contents as Node | null)?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
      node = node.items[seg];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/** The user-facing message: `file:line:col: path: message` (no path part for the whole file). */
export function locateProblem(problem: Problem, source: YamlSource): string {
  const { line, col } = source.lineCounter.linePos(offsetOf(source.document, problem.path));
  const where = problem.path.length > 0 ? `${formatPath(problem.path)}: ` : "";
  return `${source.file}:${line}:${col}: ${where}${problem.message}`;
}

/** YAML syntax errors, located the same way (the parser already knows where). */
export function syntaxProblems(source: YamlSource): string[] {
  return source.document.errors.map((error) => {
    const { line, col } = source.lineCounter.linePos(error.pos[0]);
    return `${source.file}:${line}:${col}: ${error.message.split("\n")[0]}`;
  });
}

/**
 * One or more located problems; the message is one line per problem, meant to be printed as is
 * (a user error: the CLI prints it without a stack trace wherever it comes from).
 */
export class SpecError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "SpecError";
  }
}
