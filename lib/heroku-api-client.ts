/**
 * The Platform API client the resources use: JSON over HTTP with Heroku's
 * headers, Range paging, and 429s retried with exponential backoff as the
 * real provider's transport does (honouring `Retry-After` when the server
 * sends one). Reads are also retried on 5xx and dropped connections; writes
 * are not, because the server may have acted before failing.
 *
 * Requests go over node:http(s) on kept-alive connections rather than
 * `fetch`: an apply makes about four requests a resource, and fetch's streams
 * and header lists cost the provider a third of its CPU in one (bench apply).
 * Its blobs and build logs go the same way, so fetch is never loaded.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
export class HerokuApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

export interface ClientOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly email?: string;
  readonly headers?: Record<string, string>;
  /** First wait after a 429 without `Retry-After`, doubled each time. @default 30 s, as the real provider */
  readonly initialBackoffMs?: number;
  /** First wait before retrying a read after a 5xx or a dropped connection, doubled each time. @default 500 ms */
  readonly transientBackoffMs?: number;
  /** Attempts before giving up. @default 10 */
  readonly maxAttempts?: number;
}

export const USER_AGENT = "heroku/go terraform-provider-heroku/5.3.2 (dynoform local provider)";

/** An answer, read whole: the API's are small JSON documents, and a blob is what the request was for. */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Connections kept open between requests, as Go's transport keeps them, one pool per scheme (internal helper). */
const AGENTS = { "http:": new HttpAgent({ keepAlive: true }), "https:": new HttpsAgent({ keepAlive: true }) };

/**
 * One request and its whole answer; rejects only when no answer came (a
 * refused or dropped connection). Besides the API's requests, the provider
 * sends its blobs (a build's source, a slug) and reads a build's log this way.
 */
export function exchange(url: URL, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, agent: AGENTS[url.protocol as keyof typeof AGENTS] }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        resolve({ status, statusText: res.statusMessage ?? "", ok: status >= 200 && status < 300, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** An answer's text (internal helper). */
function textOf(answer: Answer): string {
  return answer.body.toString("utf8");
}

/** A JSON answer's document; an empty one is undefined (internal helper). */
function json<T>(answer: Answer): T {
  const text = textOf(answer);
  return (text ? JSON.parse(text) : undefined) as T;
}

export class HerokuClient {
  /** Requests sent, by `METHOD /path`, for call-count comparisons. */
  readonly calls: string[] = [];

  constructor(private readonly options: ClientOptions) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  /** One page of a list, as a `Range` header asks (e.g. `version ..; max=1,order=desc`). */
  async page<T>(path: string, range: string): Promise<T[]> {
    return json<T[]>(await this.send("GET", path, undefined, range));
  }

  /** Every page of a list, following `Next-Range`. */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined;
    do {
      const answer = await this.send("GET", path, undefined, next);
      items.push(...json<T[]>(answer));
      const nextRange = answer.headers["next-range"];
      next = answer.status === 206 && typeof nextRange === "string" ? nextRange : undefined;
    } while (next);
    return items;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return json<T>(await this.send(method, path, body));
  }

  private async send(method: string, path: string, body: unknown, range?: string): Promise<Answer> {
    const maxAttempts = this.options.maxAttempts ?? 10;
    let backoff = this.options.initialBackoffMs ?? 30_000;
    let transient = this.options.transientBackoffMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      this.calls.push(`${method} ${path}`);
      let response: Answer | undefined;
      try {
        const url = new URL(this.options.url.replace(/\/$/, "") + path);
        response = await exchange(url, method, this.headers(body !== undefined, range), body === undefined ? undefined : JSON.stringify(body));
      } catch (error) {
        if (method !== "GET" || attempt >= maxAttempts) throw new HerokuApiError(0, "connection", `${method} ${path}: ${(error as Error).message}`);
      }
      if (response?.ok) return response;
      const retryable = response ? response.status === 429 || (method === "GET" && response.status >= 500) : true;
      if (!retryable || attempt >= maxAttempts) throw toError(method, path, response!);
      if (response?.status === 429) {
        const retryAfter = Number(response.headers["retry-after"]);
        await sleep(retryAfter > 0 ? Math.min(retryAfter * 1000, backoff) : backoff);
        backoff *= 2;
      } else {
        await sleep(transient);
        transient *= 2;
      }
    }
  }

  private headers(hasBody: boolean, range?: string): Record<string, string> {
    const { apiKey, email = "" } = this.options;
    return {
      Accept: "application/vnd.heroku+json; version=3",
      Authorization: `Basic ${Buffer.from(`${email}:${apiKey}`).toString("base64")}`,
      "User-Agent": USER_AGENT,
      ...(hasBody ? { "Content-Type": "application/json" } : {}),
      ...(range ? { Range: range } : {}),
      ...this.options.headers,
    };
  }
}

function toError(method: string, path: string, response: Answer): HerokuApiError {
  const text = textOf(response);
  try {
    const body = JSON.parse(text) as { id?: string; message?: string };
    return new HerokuApiError(response.status, body.id ?? "unknown", body.message ?? text);
  } catch {
    return new HerokuApiError(response.status, "unknown", `${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  }
}

/** The answer, or null when the platform says the object does not exist (404). */
export async function orGone<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof HerokuApiError && error.notFound) return null;
    throw error;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
