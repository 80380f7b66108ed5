/**
 * zod issues as problems in dynoform's words. The schema words its own
 * messages for Heroku names; this covers what zod reports generically
 * (missing keys, wrong types, unknown keys, bad record keys).
 */
import type { z } from "zod";
import type { Problem } from "./located-problem";
import { quoteRedacted } from "../rules";

const TYPE_NOUNS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

/** How a YAML value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return quoteRedacted(value);
}

/**
 * Issues must come from a parse with `reportInput: true`, so a missing key
 * reads as "is required". The schema checks names (for editors) that the
 * rules check too (for the constructs), with the same words: a problem both
 * report is listed once.
 */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const seen = new Set<string>();
  return problemsOf(issues).filter((p) => {
    const key = JSON.stringify([p.path, p.message]);
    return !seen.has(key) && seen.add(key);
  });
}

function problemsOf(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.input === undefined && issue.code !== "custom") return [{ path, message: "is required" }];
    switch (issue.code) {
      case "unrecognized_keys":
        // The schema words one line per key (see `strict` in environment-spec.ts), in the order of `keys`.
        return issue.message.split("\n").map((message, i) => ({ path: [...path, issue.keys[i]], message }));
      case "invalid_key":
        return issue.issues.map((inner) => ({ path, message: inner.message }));
      case "invalid_union": {
        // A value of one option's type (a mapping where a string or a mapping goes) gets that option's problems.
        const meant = issue.errors.filter((inner) => !inner.every((i) => i.code === "invalid_type" && i.path.length === 0));
        if (meant.length === 1) return problemsOf(meant[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue));
        return [{ path, message: issue.message }];
      }
      case "invalid_type":
        return [{ path, message: `expected ${TYPE_NOUNS[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}` }];
      default:
        return [{ path, message: issue.message }];
    }
  });
}
