import { z } from "zod";
import { didYouMean } from "../vocabulary";

/**
 * An object whose unknown keys are errors, each named with a did-you-mean
 * hint, one line per key (zod-problems.ts splits them): every YAML file
 * dynoform reads refuses a misspelt key instead of ignoring it.
 */
export function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? issue.keys.map((k) => `unknown key "${k}"${didYouMean(k, known)}`).join("\n") : undefined,
  });
}
