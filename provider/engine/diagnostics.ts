/**
 * Diagnostics: how the provider reports problems to Terraform, which shows
 * them with the configuration's source location when an attribute path is
 * given. Errors thrown anywhere in a resource become diagnostics here.
 */
import type { Message } from "../protocol/protobuf";

export const ERROR = 1;
export const WARNING = 2;

/** A step of an attribute path: a name, a map key, or a list index. */
export type PathStep = string | number | { key: string };

export interface Diagnostic extends Message {
  severity: typeof ERROR | typeof WARNING;
  summary: string;
  detail?: string;
  attribute?: { steps: Message[] };
}

export function attributePath(path: readonly PathStep[]): { steps: Message[] } {
  return {
    steps: path.map((step) =>
      typeof step === "string"
        ? { attribute_name: step }
        : typeof step === "number"
          ? { element_key_int: step }
          : { element_key_string: step.key },
    ),
  };
}

export function errorDiagnostic(summary: string, detail?: string, path?: readonly PathStep[]): Diagnostic {
  return { severity: ERROR, summary, detail, attribute: path ? attributePath(path) : undefined };
}

/** An error a resource throws to stop with a diagnostic, optionally on an attribute. */
export class ProviderError extends Error {
  constructor(
    summary: string,
    readonly detail?: string,
    readonly path?: readonly PathStep[],
  ) {
    super(summary);
  }
}

export function toDiagnostic(error: unknown): Diagnostic {
  if (error instanceof ProviderError) return errorDiagnostic(error.message, error.detail, error.path);
  return errorDiagnostic(error instanceof Error ? error.message : String(error));
}
