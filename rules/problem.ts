/**
 * What a rule finds: where, in the words of an environment file
 * (`formation.web.size`, `addons[1].plan`), and what is wrong. The YAML
 * layer locates a problem in its file; the constructs prefix it with the
 * app it belongs to.
 */
export type ProblemPath = readonly (string | number)[];

export interface Problem {
  /** Keys and list indexes from the root of an environment file; empty for the whole app. */
  readonly path: ProblemPath;
  /** What is wrong, naming the bad value, lowercase, no trailing period. */
  readonly message: string;
}

/** `formation.web.size`, `addons[1].plan`. */
export function formatPath(path: ProblemPath): string {
  return path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}
