/**
 * What the platform logs of an unexpected failure: the request it happened
 * under (method, path without the query, request id) and the error's message
 * and stack. Never headers or bodies, which carry keys and config values.
 */

/** The request a failure happened under. */
export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  readonly requestId: string;
}

/** Receives an unexpected error, and what was being done when it is not the request itself (`settling build <id>`). */
export type FailureReport = (error: unknown, doing?: string) => void;

export function failureLine(request: RequestInfo, error: unknown, doing?: string): string {
  const described = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `thrown: ${String(error)}`;
  return `${new Date().toISOString()} ${request.method} ${request.path} failed request_id=${request.requestId}${doing ? ` while ${doing}` : ""}: ${described}`;
}
