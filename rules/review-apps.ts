/** Review apps of a pipeline (heroku/heroku's heroku_review_app_config). */
import { REVIEW_APP_STALE_DAYS } from "../vocabulary";
import type { Problem } from "./problem";

export interface ReviewAppsFacts {
  /** The GitHub repository, `owner/name`. */
  readonly repo?: string;
  readonly staleDays?: number;
}

const PATH = ["pipeline", "reviewApps"] as const;

/** The repository is a GitHub full name; stale review apps are destroyed after 1 to 30 days. */
export function reviewAppsProblems(reviewApps: ReviewAppsFacts): Problem[] {
  const problems: Problem[] = [];
  const { repo, staleDays } = reviewApps;
  if (repo !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(repo)) {
    problems.push({ path: [...PATH, "repo"], message: `"${repo}" is not a GitHub repository: give its full name, owner/name` });
  }
  const { min, max } = REVIEW_APP_STALE_DAYS;
  if (staleDays !== undefined && !(Number.isInteger(staleDays) && staleDays >= min && staleDays <= max)) {
    problems.push({ path: [...PATH, "staleDays"], message: `${staleDays} is not a number of days Heroku waits before destroying a stale review app: ${min} to ${max}` });
  }
  return problems;
}
