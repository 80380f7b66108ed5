/**
 * The cost of the current estate as a terminal table: one block per
 * environment with its priced lines, then the account-wide eco line and the
 * estate total (`dynoform cost`).
 */
import { EstateCost } from "./cost";
import { usd } from "./resource-facts";

const WIDTH = 52;

/** A label and a right-aligned price, indented under its environment or not; a long label keeps one space (internal helper). */
function line(label: string, amount: number, indent = "  "): string {
  const price = usd(amount);
  return `${indent}${label.padEnd(WIDTH - price.length - indent.length - 1)} ${price}`;
}

/** `environment` narrows the table to one environment; the eco line shows when that environment runs eco. */
export function renderCostTable(cost: EstateCost, environment?: string): string {
  const environments = cost.environments.filter((e) => !environment || e.environment === environment);
  const out = [`Monthly cost (${cost.pricing.currency} list prices as of ${cost.pricing.asOf})`, ""];
  for (const e of environments) {
    out.push(e.orphaned ? `${e.environment} (orphaned: no longer in the code, still billed)` : e.environment);
    out.push(...e.after.lines.map((l) => line(l.item, l.monthlyUsd)));
    if (e.after.usesEco) out.push("  eco dynos: in the account's eco subscription below");
    for (const address of e.after.unpriced) out.push(`  ${address}: not priced (size or plan not in the price list)`);
    out.push(line("total", e.after.monthlyUsd), "");
  }
  const ecoUsd = environments.some((e) => e.after.usesEco) ? cost.eco.afterUsd : 0;
  if (ecoUsd > 0) out.push(line("eco dynos (one subscription per account)", ecoUsd, ""));
  const total = environments.reduce((sum, e) => sum + e.after.monthlyUsd, ecoUsd);
  out.push(line(environment ? `${environment} total` : "estate total", total, ""), "", `Source: ${cost.pricing.source}.`);
  return out.join("\n") + "\n";
}
