/**
 * Heroku's list paging: a `Range: <field> [start]..[end]; max=N, order=asc|desc`
 * request header; answers carry `Content-Range`, and `Next-Range` when more
 * remain (status 206). The last page is a 200 without Next-Range: the CLI
 * follows Next-Range for as long as it is sent.
 */
import { ApiError } from "./api-error";

export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 1000;

export interface RangeRequest {
  readonly field: string;
  /** Exclusive start when it came from a Next-Range (`]value..`), inclusive otherwise. */
  readonly start?: string;
  readonly startExclusive: boolean;
  readonly max: number;
  readonly order: "asc" | "desc";
}

/**
 * Heroku's answer to a Range it cannot read, trailing space and all (quoted
 * in martyzz1/heroku3.py#12, for options separated by `;`) (internal helper).
 */
function unreadable(): ApiError {
  return ApiError.badRequest("Invalid `Range` header. Please use format like `id ..; max=10, order=desc`. ");
}

/** Heroku's answer to a Range that names no field it sorts by, e.g. `max=1000;` (heroku/cli#1674) (internal helper). */
function fieldNotAllowed(): ApiError {
  return new ApiError(416, "requested_range_not_satisfiable", "Requested range order is not allowed, please try `id` or another specified in `Accept-Ranges`.");
}

/**
 * Reads `<field> [start]..[end][; max=N, order=asc|desc][;]`. Only indexOf
 * and single-character searches, never a regular expression with two
 * adjacent repeats: a header shaped to backtrack costs its length, no more.
 */
export function parseRange(header: string | undefined, defaultField: string): RangeRequest {
  const fallback: RangeRequest = { field: defaultField, startExclusive: false, max: DEFAULT_PAGE_SIZE, order: "asc" };
  const text = header?.trim() ?? "";
  if (text === "") return fallback;
  // One trailing `;` is Heroku's own form (the CLI sends `id ..; max=1000;`); a second list of options is not.
  const [span, options = "", ...more] = (text.endsWith(";") ? text.slice(0, -1) : text).split(";");
  const head = span.trimStart();
  const fieldEnd = head.search(/[\s.\]]/);
  const field = fieldEnd === -1 ? head : head.slice(0, fieldEnd);
  if (!/^[a-z_]+$/.test(field)) throw fieldNotAllowed();
  const rest = head.slice(field.length).trimStart();
  const dots = rest.indexOf("..");
  if (dots === -1 || more.length > 0) throw unreadable();
  const startExclusive = rest.startsWith("]");
  const start = rest.slice(startExclusive ? 1 : 0, dots).trim();
  return { ...fallback, ...rangeOptions(options), field, startExclusive, start: start === "" ? undefined : start };
}

/** `max=N, order=asc|desc`; a max over the largest page asks for the largest page (internal helper). */
function rangeOptions(text: string): Partial<Pick<RangeRequest, "max" | "order">> {
  const chosen: { max?: number; order?: "asc" | "desc" } = {};
  for (const option of text.split(",")) {
    // Empty between commas: heroku-go once sent `; max=10, , order=desc`.
    if (option.trim() === "") continue;
    const equals = option.indexOf("=");
    if (equals === -1) throw unreadable();
    const key = option.slice(0, equals).trim();
    const value = option.slice(equals + 1).trim();
    if (key === "max" && /^\d+$/.test(value) && Number(value) > 0) chosen.max = Math.min(MAX_PAGE_SIZE, Number(value));
    else if (key === "order" && (value === "asc" || value === "desc")) chosen.order = value;
    else throw unreadable();
  }
  return chosen;
}

export interface Page<T> {
  readonly items: T[];
  readonly contentRange?: string;
  readonly nextRange?: string;
}

/** One page of `items` sorted by the range's field. */
export function paginate<T extends object>(items: readonly T[], range: RangeRequest): Page<T> {
  const key = (item: T) => String((item as Record<string, unknown>)[range.field] ?? "");
  const compare = (a: string, b: string) => {
    const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
    return numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
  };
  const sorted = [...items].sort((a, b) => (range.order === "asc" ? 1 : -1) * compare(key(a), key(b)));
  const after =
    range.start === undefined
      ? sorted
      : sorted.filter((item) => {
          const c = (range.order === "asc" ? 1 : -1) * compare(key(item), range.start as string);
          return range.startExclusive ? c > 0 : c >= 0;
        });
  const page = after.slice(0, range.max);
  if (page.length === 0) return { items: page };
  const first = key(page[0]);
  const last = key(page[page.length - 1]);
  const options = `; max=${range.max}, order=${range.order}`;
  return {
    items: page,
    contentRange: `${range.field} ${first}..${last}${options}`,
    nextRange: after.length > page.length ? `${range.field} ]${last}..${options}` : undefined,
  };
}
