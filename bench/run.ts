/**
 * `npm run bench`: every comparison runs both sides in one run, each in its
 * own process (so peak memory is its own), and prints one table; results go
 * to bench/results.json. Figures, never assertions: goals are printed beside them.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { runCase, type CaseResult } from "./measure";

interface Row {
  readonly comparison: string;
  readonly subject: CaseResult;
  readonly baseline: CaseResult;
  readonly figure: string;
  readonly goal: string;
}

async function synthRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of [10, 100, 500]) {
    const subject = await runCase("synth", ["dynoform", String(n)]);
    const baseline = await runCase("synth", ["l1", String(n)]);
    rows.push({ comparison: `synth ${n} environments: dynoform vs raw L1`, subject, baseline, figure: "synthMs", goal: "ratio ≤ 1.2, linear" });
  }
  return rows;
}

function ratio(a: number, b: number): string {
  return b > 0 ? (a / b).toFixed(2) : "n/a";
}

async function main(): Promise<void> {
  const rows = await synthRows();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  console.log(`machine: ${machine}\n`);
  console.log("| comparison | subject | baseline | ratio | peak MiB (subject / baseline) | goal |");
  console.log("|---|---|---|---|---|---|");
  for (const row of rows) {
    const s = Number(row.subject.figures[row.figure]);
    const b = Number(row.baseline.figures[row.figure]);
    console.log(
      `| ${row.comparison} | ${s} ms | ${b} ms | ${ratio(s, b)} | ${row.subject.peakRssMb} / ${row.baseline.peakRssMb} | ${row.goal} |`,
    );
  }
  writeFileSync(join(__dirname, "results.json"), JSON.stringify({ machine, takenAt: new Date().toISOString(), rows }, null, 2) + "\n");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
