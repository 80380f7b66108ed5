/**
 * A review of a change to every environment of an N-environment estate
 * (`review N`), from two synthesized trees to the pull-request comment:
 * the tree diff, risks, policy and cost, then the Markdown with its diagram,
 * whole (the workflow's artifact) and fitted to GitHub's comment limit.
 * The trees are made before the clock starts: in real use synth made them.
 */
import { COMMENT_LIMIT } from "../../review/comment-fit";
import { modelFromTrees } from "../../review/load-model";
import { DEFAULT_POLICY_CONFIG } from "../../review/policy-config";
import { renderMarkdown } from "../../review/render-markdown";
import { buildReview } from "../../review/review";
import { largeEstateChange } from "../../test/support/large-estate";

export default async function run([count]: string[]): Promise<Record<string, number | string>> {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 2) throw new Error(`review bench needs a number of environments ≥ 2, got "${count}"`);
  const { base, head } = largeEstateChange(n);
  const policy = { ...DEFAULT_POLICY_CONFIG, productionEnvironments: ["production-*"] };
  const started = process.hrtime.bigint();
  const review = buildReview(modelFromTrees(base, head, `${n} environments`, {}), policy);
  const reviewed = process.hrtime.bigint();
  const full = renderMarkdown(review);
  const comment = renderMarkdown(review, { limit: COMMENT_LIMIT });
  const ended = process.hrtime.bigint();
  const ms = (from: bigint, to: bigint) => Math.round(Number(to - from) / 1e6);
  return {
    environments: n,
    reviewMs: ms(started, ended),
    modelMs: ms(started, reviewed),
    renderMs: ms(reviewed, ended),
    fullChars: full.length,
    commentChars: comment.length,
    risks: review.risks.length,
  };
}
