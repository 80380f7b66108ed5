/**
 * What is wrong with a value a record schema refuses, in one line: where
 * (`apps[2].name`, `process_types.web`) and how. The data file and request
 * bodies are checked against the same schemas, and read the same way.
 */
import type { z } from "zod";

const NOUNS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  null: "null",
};

/**
 * A path as JavaScript would write it: `apps[2].name`, `configVars['2a82…'].PORT`
 * (single quotes, as messages quote the whole path in double ones) (internal helper).
 */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const text = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(text)) return i === 0 ? text : `.${text}`;
      return `['${text.replace(/[\\']/g, "\\$&")}']`;
    })
    .join("");
}

/** How one issue reads after its path: "is not a string", "is required", "is too long (maximum is 256 characters)" (internal helper). */
function wrong(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined && issue.code === "invalid_type") return "is required";
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "never" ? "is not allowed" : `is not ${NOUNS[issue.expected] ?? issue.expected}`;
    case "too_big":
      if (issue.origin === "string") return `is too long (maximum is ${issue.maximum} characters)`;
      if (issue.origin === "array") return `has too many items (maximum is ${issue.maximum})`;
      return `is too large (maximum is ${issue.maximum})`;
    case "too_small":
      return `is too small (minimum is ${issue.minimum})`;
    case "invalid_value":
      return `is not ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
    case "invalid_key":
      return "is not a valid key here";
    case "custom":
      return issue.message;
    default:
      return `is not valid (${issue.message.toLowerCase()})`;
  }
}

/** The first issue (of a parse with `reportInput: true`) in one line, `where` then `what`; `where` is empty for the value itself. */
export function firstProblem(issues: readonly z.core.$ZodIssue[]): { where: string; what: string } {
  const [issue] = issues;
  return { where: pathText(issue.path), what: wrong(issue) };
}
