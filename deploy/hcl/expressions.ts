/**
 * Values of Terraform JSON written as HCL native syntax, with the same meaning.
 *
 * In Terraform JSON a string in an expression position is a template: `${…}`
 * interpolates, `%{…}` is a directive, `$${` and `%%{` are literal. HCL's
 * quoted strings are templates with exactly the same sequences, so a JSON
 * template becomes a quoted HCL template by escaping only its literal parts
 * (`\`, `"`, control characters); the interpolations are copied as they are.
 * A string that is one interpolation and nothing else is the expression
 * itself, written bare (`"${heroku_app.app.id}"` → `heroku_app.app.id`), as
 * Terraform gives both the same value and type.
 *
 * A few JSON positions are not templates (a variable's default): there the
 * literal `${` and `%{` are escaped as `$${` and `%%{`.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One piece of a template: literal text, or a `${…}`/`%{…}` sequence copied verbatim. */
interface Piece {
  readonly kind: "literal" | "sequence";
  readonly text: string;
}

/**
 * The index just after the `}` that closes the sequence whose body starts at
 * `start`: braces nest, and quoted strings inside the expression (which may
 * hold templates of their own) are skipped whole.
 */
function endOfSequence(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '"') {
      i = endOfQuoted(source, i + 1);
      continue;
    }
    if (c === "{") depth++;
    if (c === "}" && --depth === 0) return i + 1;
    i++;
  }
  throw new Error(`unterminated template sequence in ${JSON.stringify(source)}`);
}

/** The index just after the `"` closing a quoted string inside an expression (internal helper). */
function endOfQuoted(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if ((c === "$" || c === "%") && source[i + 1] === "{") i = endOfSequence(source, i + 2);
    else if ((c === "$" || c === "%") && source[i + 1] === c && source[i + 2] === "{") i += 3;
    else i++;
  }
  throw new Error(`unterminated string in template ${JSON.stringify(source)}`);
}

/** A JSON template split into literal text and sequences. */
function pieces(template: string): Piece[] {
  const out: Piece[] = [];
  let literal = "";
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if ((c === "$" || c === "%") && template[i + 1] === c && template[i + 2] === "{") {
      // An escaped `${`/`%{`: the same three characters mean the same in HCL.
      literal += template.slice(i, i + 3);
      i += 3;
    } else if ((c === "$" || c === "%") && template[i + 1] === "{") {
      if (literal) out.push({ kind: "literal", text: literal });
      literal = "";
      const end = endOfSequence(template, i + 2);
      out.push({ kind: "sequence", text: template.slice(i, end) });
      i = end;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) out.push({ kind: "literal", text: literal });
  return out;
}

/** Escapes the characters a quoted HCL string cannot hold as they are. */
function escapeQuoted(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === "\\") out += "\\\\";
    else if (c === '"') out += '\\"';
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return out;
}

/**
 * The expression a whole-value interpolation stands for, or undefined when
 * the template is more than one `${…}` (text around it, strip markers `~`,
 * several sequences, a directive).
 */
export function wholeInterpolation(template: string): string | undefined {
  if (!template.startsWith("${")) return undefined;
  let parts: Piece[];
  try {
    parts = pieces(template);
  } catch {
    return undefined;
  }
  if (parts.length !== 1 || parts[0].kind !== "sequence") return undefined;
  const body = parts[0].text.slice(2, -1);
  if (body.startsWith("~") || body.endsWith("~") || body.trim() === "") return undefined;
  return body.trim();
}

/** A JSON template as a quoted HCL template with the same value. */
export function quotedTemplate(template: string): string {
  return `"${pieces(template)
    .map((p) => (p.kind === "literal" ? escapeQuoted(p.text) : p.text))
    .join("")}"`;
}

/** A literal string (no template) as a quoted HCL string: `${` and `%{` escaped too. */
export function quotedLiteral(text: string): string {
  return `"${escapeQuoted(text).replace(/([$%])\{/g, "$1$1{")}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if", "endif", "else", "endfor"]);

/** An object key: bare when it is a plain identifier, else quoted (a template, as JSON property names are). */
function objectKey(key: string, literal: boolean): string {
  if (IDENTIFIER.test(key) && !KEYWORDS.has(key)) return key;
  return literal ? quotedLiteral(key) : quotedTemplate(key);
}

/** An expression written as a JSON string with or without its `${…}` wrapper (depends_on, moved, type). */
export function bareExpression(value: Json, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a string holding an expression, got ${JSON.stringify(value)}`);
  return wholeInterpolation(value) ?? value;
}

/** A number as HCL writes it; JSON numbers have no NaN or infinity. */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a number Terraform JSON can hold`);
  return String(value);
}

/**
 * A JSON value in an expression position, as an HCL expression. `indent` is
 * the indentation of the line the value starts on; nested lines go deeper.
 * With `literal`, strings are plain text (no templates).
 */
export function expression(value: Json, indent: string, literal = false): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return numberLiteral(value);
  if (typeof value === "string") {
    if (literal) return quotedLiteral(value);
    const whole = wholeInterpolation(value);
    if (whole === undefined) return quotedTemplate(value);
    // A bare expression ends at a newline; in parentheses it may span lines.
    return whole.includes("\n") ? `(${whole})` : whole;
  }
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${expression(item, inner, literal)},\n`).join("")}${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  // As terraform fmt writes them: the `=` of each run of one-line entries aligned, a multi-line entry alone.
  const entries = keys.map((k) => ({ key: objectKey(k, literal), value: expression(value[k], inner, literal) }));
  const lines: string[] = [];
  let run: typeof entries = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((e) => e.key.length));
    for (const e of run) lines.push(`${inner}${e.key.padEnd(width)} = ${e.value}\n`);
    run = [];
  };
  for (const entry of entries) {
    if (entry.value.includes("\n")) {
      flush();
      lines.push(`${inner}${entry.key} = ${entry.value}\n`);
    } else run.push(entry);
  }
  flush();
  return `{\n${lines.join("")}${indent}}`;
}
