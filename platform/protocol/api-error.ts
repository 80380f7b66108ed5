/**
 * An error as Heroku sends it: a status and a JSON body `{id, message}`.
 * Handlers throw these; the server turns them into responses.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    /** Heroku names the resource kind on 404s; the CLI uses it for add-on fallbacks. */
    readonly resource?: string,
  ) {
    super(message);
  }

  static notFound(resource: string): ApiError {
    return new ApiError(404, "not_found", `Couldn't find that ${resource.replace(/_/g, " ")}.`, resource);
  }

  static invalidParams(message: string): ApiError {
    return new ApiError(422, "invalid_params", message);
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, "bad_request", message);
  }

  body(): Record<string, string> {
    return this.resource ? { id: this.id, message: this.message, resource: this.resource } : { id: this.id, message: this.message };
  }
}
