/**
 * Where the prices in this folder come from. Prices are list prices in US
 * dollars per month (730 hours) for the Common Runtime. The seed analysis gave
 * the entry-level figures (eco, basic, standard-1x/2x, performance-m/l,
 * Postgres mini/basic/standard-0, Redis mini); the rest were filled from
 * Heroku's published pricing pages as of the date below. Heroku bills by the
 * second up to these caps; a review shows them as monthly estimates.
 */
export const PRICING_SOURCE = {
  source: "Heroku published pricing (heroku.com/pricing, elements.heroku.com/addons) and dynoform's seed analysis",
  asOf: "2025-09-01",
  currency: "USD",
} as const;
