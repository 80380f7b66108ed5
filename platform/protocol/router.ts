import { ApiError } from "./api-error";

/** What a handler sees of a request. */
export interface RequestContext {
  readonly params: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown>;
  readonly query: URLSearchParams;
}

/** A handler's answer: a JSON body, and its status when not 200. */
export interface HandlerResult {
  readonly status?: number;
  readonly body: unknown;
}

/** A handler answers at once, or once what it changed is written (a store's write is awaited before the answer). */
export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly handler: Handler;
}

/** Routes `METHOD /apps/{app}/config-vars` patterns to handlers. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  /**
   * The handler and path parameters for a request; 404 when no route matches.
   * The server refuses a path that is not valid percent-encoding before it
   * gets here, so decoding a parameter cannot fail.
   */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } {
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (m && route.method === method) {
        return { handler: route.handler, params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
      }
    }
    throw noRoute();
  }
}

/** Heroku's answer to a request no route serves. */
export function noRoute(): ApiError {
  return new ApiError(404, "not_found", "The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`), and did you specify your intended version with the `Accept` header?");
}
