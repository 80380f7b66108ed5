/**
 * The one way dynoform reads a YAML file it is given (environment files,
 * dynoform.yaml, dynoform.policy.yaml): bounded, so a file that is too large,
 * nested too deeply or an alias bomb gets one located line like any other
 * mistake, never an exception, a hang or a crashed process.
 */
import { readFileSync, statSync } from "node:fs";
import { LineCounter, Parser, visit, type Alias, type CST } from "yaml";
import { parseYamlSource, SpecError, syntaxProblems, type YamlSource } from "./located-problem";

/**
 * The largest YAML file read. Heroku caps an app's config vars at 32 KB in
 * all, and an environment file is mostly config: 256 KiB is eight times
 * that, while the yaml package still gets through a file of that size in a
 * second or two in its slowest shapes (thousands of keys; brackets nested
 * a hundred thousand deep, which the depth check below must parse to refuse).
 */
export const YAML_MAX_BYTES = 256 * 1024;

/**
 * The deepest nesting read. dynoform's files nest four levels
 * (`addons[0].attachTo[0]`); the yaml package composes recursively and runs
 * out of stack about a thousand levels down: it reports that as a syntax
 * error at an arbitrary column, and a second time in one process has been
 * seen to abort Node itself (yaml 2.9.1, Node 20).
 */
export const YAML_MAX_DEPTH = 64;

/**
 * How many anchored values aliases may copy in all (the yaml package's
 * `maxAliasCount`, at its default): ten aliases of ten aliases of ten
 * values ("billion laughs") grow a tiny file into a huge value.
 */
export const YAML_MAX_ALIAS_COUNT = 100;

/** A read YAML file: its document (to locate later problems in) and its value, or located problems. */
export type YamlRead = { source: YamlSource; value: unknown; problems: [] } | { source?: undefined; value?: undefined; problems: string[] };

/**
 * Reads `file`, refusing it unread when it is too large or not a plain file
 * (a pipe or a device would never end). `file` is shown in messages as given.
 */
export function readYamlFile(file: string): YamlRead {
  const stat = statSync(file);
  if (!stat.isFile()) return { problems: [`${file}:1:1: is not a file: dynoform reads YAML from plain files only`] };
  if (stat.size > YAML_MAX_BYTES) return { problems: [tooLarge(file, stat.size)] };
  return parseYaml(file, readFileSync(file, "utf8"));
}

/**
 * The value of a YAML file, for a reader that checks it on its own.
 * @throws SpecError with the located problems of a file it cannot read
 */
export function readYamlValue(file: string): unknown {
  const { source, value, problems } = readYamlFile(file);
  if (!source) throw new SpecError(problems);
  return value;
}

/** Parses the text of `file`, in the same bounds as `readYamlFile`. */
export function parseYaml(file: string, text: string): YamlRead {
  const size = Buffer.byteLength(text);
  if (size > YAML_MAX_BYTES) return { problems: [tooLarge(file, size)] };
  const depth = tooDeep(file, text);
  if (depth) return { problems: [depth] };
  const source = parseYamlSource(file, text);
  const syntax = syntaxProblems(source);
  if (syntax.length > 0) return { problems: syntax };
  try {
    return { source, value: source.document.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }), problems: [] };
  } catch (error) {
    if (error instanceof ReferenceError) return { problems: [aliasProblem(source)] };
    throw error;
  }
}

function tooLarge(file: string, bytes: number): string {
  return `${file}:1:1: the file is ${Math.ceil(bytes / 1024)} KiB: dynoform reads YAML files of at most ${YAML_MAX_BYTES / 1024} KiB`;
}

/**
 * A collection nested deeper than the limit, located (internal
 * helper). Measured on the yaml package's own syntax tree, which it builds
 * without recursion, walked here without recursion either.
 */
function tooDeep(file: string, text: string): string | undefined {
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const pending = tokens.map((token): { token: CST.Token | null | undefined; depth: number } => ({ token, depth: 0 }));
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    if (token.type === "document") pending.push({ token: token.value, depth });
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    if (depth + 1 > YAML_MAX_DEPTH) {
      const { line, col } = lineCounter.linePos(token.offset);
      return `${file}:${line}:${col}: nested more than ${YAML_MAX_DEPTH} levels deep: dynoform reads YAML nested at most ${YAML_MAX_DEPTH} levels`;
    }
    for (const item of token.items) pending.push({ token: item.key, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
  }
  return undefined;
}

/**
 * Why the aliases could not be expanded, at the alias to look at (internal
 * helper): one whose anchor is not defined before it, else the first alias,
 * where copying starts.
 */
function aliasProblem(source: YamlSource): string {
  const aliases: Alias[] = [];
  visit(source.document, { Alias: (_, node) => void aliases.push(node) });
  const unresolved = aliases.find((alias) => alias.resolve(source.document) === undefined);
  const alias = unresolved ?? aliases[0];
  const { line, col } = source.lineCounter.linePos(alias?.range?.[0] ?? 0);
  const where = `${source.file}:${line}:${col}: *${alias?.source ?? ""}`;
  return unresolved
    ? `${where}: no anchor &${unresolved.source} is defined before this alias`
    : `${where}: aliases expand to more than ${YAML_MAX_ALIAS_COUNT} copies of anchored values (a YAML alias bomb): write the values out`;
}
