/**
 * Request bodies checked against the Platform API schema's types, with the
 * bounds of the records they become (records.ts): a field of the wrong type
 * or size is refused with 422 `invalid_params` naming it, before anything
 * is stored. Unknown fields are ignored, as Heroku ignores them.
 */
import { z } from "zod";
import { ApiError } from "../protocol/api-error";
import { listField, processTypes, textField } from "./records";
import { firstProblem } from "./shape-problems";

/** The fields of a body a schema names, or 422 naming the first that is wrong: `process_types.web is not a string`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const { where, what } = firstProblem(parsed.error.issues);
  throw ApiError.invalidParams(`${where} ${what}`);
}

/** `POST /apps/{app}/slugs` (heroku_slug): the slug's process types are a name-to-command object of strings. */
export const slugRequest = z.object({
  process_types: processTypes,
  checksum: textField.nullish(),
  commit: textField.nullish(),
  commit_description: textField.nullish(),
  buildpack_provided_description: textField.nullish(),
});

/** `POST /apps/{app}/builds`: a source to build, and the buildpacks to build it with. */
export const buildRequest = z.object({
  source_blob: z.object({ url: textField, checksum: textField.nullish(), version: textField.nullish(), version_description: textField.nullish() }),
  buildpacks: listField(z.object({ url: textField.nullish(), name: textField.nullish() })).nullish(),
});
