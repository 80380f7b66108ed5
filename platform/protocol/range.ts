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

export function parseRange(header: string | undefined, defaultField: string): RangeRequest {
  const fallback: RangeRequest = { field: defaultField, startExclusive: false, max: DEFAULT_PAGE_SIZE, order: "asc" };
  if (!header || header.trim() === "") return fallback;
  const [span, ...options] = header.split(";");
  const match = /^\s*([a-z_]+)\s*(\]?)([^.]*)\.\.([^;]*)$/.exec(span);
  if (!match) throw ApiError.invalidParams(`Invalid Range header: ${header}`);
  const range: { -readonly [K in keyof RangeRequest]: RangeRequest[K] } = {
    ...fallback,
    field: match[1],
    startExclusive: match[2] === "]",
    start: match[3].trim() === "" ? undefined : match[3].trim(),
  };
  for (const option of options.join(",").split(",")) {
    const [key, value] = option.split("=").map((s) => s.trim());
    if (key === "max" && value) range.max = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(value, 10) || DEFAULT_PAGE_SIZE));
    if (key === "order" && (value === "asc" || value === "desc")) range.order = value;
  }
  return range;
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
