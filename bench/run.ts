/**
 * `npm run bench`: every comparison runs both sides in one run, each in its
 * own process (so peak memory is its own), and prints one table; results go
 * to bench/results.json. Figures, never assertions: goals are printed beside them.
 *
 * `npm run bench -- synth apply` reruns only those groups (synth, throughput, npm-start, plan-edit, apply, team, load, provider-start, review, platform-writes, addon-provisioning); the other rows of
 * results.json are kept as they were, each with the time it was taken.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { writeEstate } from "./cases/synth";
import { runCase, type CaseResult } from "./measure";

interface Row {
  readonly comparison: string;
  readonly subject: CaseResult;
  /** Absent when the baseline could not run (the real provider without its mirror), or when the row is a figure against its goal (`alone`). */
  readonly baseline?: CaseResult;
  /** A figure measured against its goal, with nothing beside it. */
  readonly alone?: boolean;
  readonly figure: string;
  /** @default "ms" */
  readonly unit?: string;
  readonly goal: string;
}

/** A row as results.json keeps it: which group made it, when and where. */
interface TakenRow extends Row {
  readonly group: string;
  readonly takenAt: string;
  readonly machine: string;
}

/** The run with the median figure (internal helper). */
function median(runs: CaseResult[], figure: string): CaseResult {
  return [...runs].sort((a, b) => Number(a.figures[figure]) - Number(b.figures[figure]))[Math.floor(runs.length / 2)];
}

/** The process's whole wall time (node start, module loading, the case) as a figure (internal helper). */
function withProcessMs(result: CaseResult): CaseResult {
  return { ...result, figures: { ...result.figures, processMs: Math.round(result.wallMs) } };
}

/** Synth is short and disk-bound, so each side runs 5 times, alternating, and the medians are compared. */
async function synthRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of [10, 100, 500]) {
    const estate = writeEstate(n);
    const subjects: CaseResult[] = [];
    const baselines: CaseResult[] = [];
    for (let i = 0; i < 5; i++) {
      subjects.push(withProcessMs(await runCase("synth", ["dynoform", String(n), estate])));
      baselines.push(withProcessMs(await runCase("synth", ["l1", String(n)])));
    }
    const [subject, baseline] = [median(subjects, "synthMs"), median(baselines, "synthMs")];
    rows.push({ comparison: `synth ${n} environments: dynoform vs raw L1 (median of 5)`, subject, baseline, figure: "synthMs", goal: "ratio ≤ 1.2, linear" });
    // Not goals: the same runs split, and as whole processes, to show where a gap lies.
    const [constructs, l1] = [median(subjects, "buildSynthMs"), median(baselines, "buildSynthMs")];
    rows.push({ comparison: `  why: constructs + synth only (no YAML load) vs raw L1`, subject: constructs, baseline: l1, figure: "buildSynthMs", goal: "figures" });
    rows.push({ comparison: `  why: dynoform's YAML load (parse, zod, disk checks) vs its whole synth`, subject: median(subjects, "loadMs"), baseline: as(subject, "synthMs", "loadMs"), figure: "loadMs", goal: "figures" });
    const [wholeSubject, wholeBaseline] = [median(subjects, "processMs"), median(baselines, "processMs")];
    rows.push({ comparison: `  why: whole processes (node start, module loading, synth) vs raw L1's`, subject: wholeSubject, baseline: wholeBaseline, figure: "processMs", goal: "figures" });
  }
  return rows;
}

/** GET /apps/{id} on loopback: the platform next to bare node:http answering the same bytes. */
async function throughputRows(): Promise<Row[]> {
  const subject = await runCase("platform-throughput", ["platform"]);
  const baseline = await runCase("platform-throughput", ["bare"]);
  return [{ comparison: "GET /apps/{id} req/s: platform vs bare node:http", subject, baseline, figure: "reqPerSec", unit: "req/s", goal: "≥ 50% of bare (ratio ≥ 0.5)" }];
}

/** npm start cold, then warm (no changes), in a fresh DYNOFORM_HOME. */
async function npmStartRows(): Promise<Row[]> {
  const run = await runCase("npm-start");
  const records = await runCase("npm-start", ["records"]);
  // Peak memory here is the deploy's own process tree (GNU time), not the case runner's.
  const side = (from: CaseResult, ms: string, peak: string): CaseResult => ({ ...from, peakRssMb: Number(from.figures[peak]), figures: { ms: from.figures[ms] } });
  const [warm, cold] = [side(run, "warmMs", "warmPeakMb"), side(run, "coldMs", "coldPeakMb")];
  return [
    { comparison: "npm start with no changes", subject: warm, alone: true, figure: "ms", goal: "≤ 3,000 ms" },
    { comparison: "npm start cold on a fresh data dir (platform, provider install, every create)", subject: cold, alone: true, figure: "ms", goal: "≤ 20,000 ms" },
    { comparison: "  why: npm start warm (no changes) vs cold", subject: warm, baseline: cold, figure: "ms", goal: "figures" },
    {
      comparison: "npm start cold: real PostgreSQL and Redis vs data add-ons as records (the servers' first start)",
      subject: cold,
      baseline: side(records, "coldMs", "coldPeakMb"),
      figure: "ms",
      goal: "figures",
    },
  ];
}

/** One stack planned after a one-line YAML edit: dynoform, the `cdktf diff` it used to run, and raw Terraform (median of 3, alternating). */
async function planEditRows(): Promise<Row[]> {
  const run = await runCase("plan-edit", ["3"]);
  const side = (figure: string): CaseResult => ({ ...run, peakRssMb: NaN, figures: { ms: run.figures[figure] } });
  const [dynoform, cdktf, raw] = [side("dynoformMs"), side("cdktfDiffMs"), side("rawMs")];
  return [
    { comparison: "one-stack plan after a one-line YAML edit: dynoform vs `cdktf diff`", subject: dynoform, baseline: cdktf, figure: "ms", goal: "ratio ≤ 0.3" },
    { comparison: "the same: dynoform vs raw `terraform plan` (with its synth, `dynoform synth`)", subject: dynoform, baseline: raw, figure: "ms", goal: "ratio ≤ 2" },
  ];
}

/** One figure of a case renamed, so two figures of one run can sit side by side (internal helper). */
function as(result: CaseResult, from: string, to: string): CaseResult {
  return { ...result, figures: { ...result.figures, [to]: result.figures[from] } };
}

const KINDS = ["app", "build", "formation", "domain", "addon"];

/** 50 apps applied at 30 ms latency: wall vs the critical-path bound, and requests vs the real provider. */
async function applyRows(): Promise<Row[]> {
  // As `dynoform deploy` runs it: Terraform reattaches to one provider process.
  const local = await runCase("apply-fleet", ["dynoform", "50", "30"]);
  // At no latency what is left is Terraform's walk and each process's own work (Terraform, provider, platform).
  const localFloor = await runCase("apply-fleet", ["dynoform", "50", "0"]);
  // As `cdktf deploy` or a user's own Terraform runs it: Terraform starts the provider, several times.
  const plain = await runCase("apply-fleet", ["terraform", "50", "30"]);
  const rows: Row[] = [
    { comparison: "apply 50 apps at 30 ms, as dynoform deploys: wall vs critical-path bound", subject: local, baseline: as(local, "boundMs", "wallMs"), figure: "wallMs", goal: "≤ 1.5× the bound" },
    // Not a goal: what the bound leaves out, to explain a gap to it.
    { comparison: "  why: wall at 30 ms vs the same apply at 0 ms (Terraform's walk, the provider's and the platform's own work)", subject: local, baseline: localFloor, figure: "wallMs", goal: "figures" },
    { comparison: "  why: mean vs peak requests in flight (parallelism 10)", subject: local, baseline: as(local, "peakInFlight", "meanInFlight"), figure: "meanInFlight", unit: "req", goal: "figures" },
    { comparison: "apply 50 apps at 30 ms, plain `terraform apply` (it starts the provider): wall vs critical-path bound", subject: plain, baseline: as(plain, "boundMs", "wallMs"), figure: "wallMs", goal: "figures" },
  ];
  const reference = process.env.DYNOFORM_REFERENCE_PROVIDER_MIRROR ? await runCase("apply-fleet", ["reference", "50", "30"]) : undefined;
  for (const kind of KINDS) {
    const comparison = `API requests for 50 heroku_${kind}: local provider vs real provider`;
    rows.push({ comparison, subject: local, baseline: reference, figure: `requests_${kind}`, unit: "req", goal: "ratio ≤ 1.0" });
  }
  rows.push({ comparison: "API requests for 50 apps, all: local provider vs real provider", subject: local, baseline: reference, figure: "requests", unit: "req", goal: "ratio ≤ 1.0" });
  if (!reference) return rows;
  // The same bound for the real provider: a gap both share lies in Terraform and the machine, not in one provider.
  rows.push({ comparison: "apply 50 apps at 30 ms, real provider: wall vs its critical-path bound", subject: reference, baseline: as(reference, "boundMs", "wallMs"), figure: "wallMs", goal: "figures" });
  // Its addonLock is one for all apps (the local provider's is per app), so its add-on requests cannot overlap.
  rows.push({ comparison: "  why: real provider: wall vs its add-on lock floor (add-on requests × 30 ms, one create at a time)", subject: reference, baseline: as(reference, "addonLockFloorMs", "wallMs"), figure: "wallMs", goal: "figures" });
  // Like with like: plain `terraform apply` starting each provider itself.
  rows.push({ comparison: "apply 50 apps at 30 ms, plain `terraform apply`: local provider vs real heroku/heroku 5.3.2", subject: plain, baseline: reference, figure: "wallMs", goal: "figures" });
  const plainFloor = await runCase("apply-fleet", ["terraform", "50", "0"]);
  const referenceFloor = await runCase("apply-fleet", ["reference", "50", "0"]);
  rows.push({ comparison: "apply 50 apps at 0 ms, plain `terraform apply`: local provider vs real provider", subject: plainFloor, baseline: referenceFloor, figure: "wallMs", goal: "figures" });
  return rows;
}

/** Two copies deploying the estate cold through one pg backend: at the same time vs one after the other. */
async function teamRows(): Promise<Row[]> {
  const concurrent = await runCase("team-deploy", ["concurrent"]);
  const serial = await runCase("team-deploy", ["serial"]);
  return [
    { comparison: "2 copies deploy the estate via the pg backend: at once vs one after the other", subject: concurrent, baseline: serial, figure: "wallMs", goal: "figures (< 1: stacks of different environments overlap)" },
    // Not goals: each side's two deploys, to show where the time goes (the second finds every stack done).
    { comparison: "  why: at once: the deploy that finished last vs the one that finished first", subject: as(concurrent, "secondMs", "ms"), baseline: as(concurrent, "firstMs", "ms"), figure: "ms", goal: "figures" },
    { comparison: "  why: one after the other: the second (nothing to do) vs the first (creates)", subject: as(serial, "secondMs", "ms"), baseline: as(serial, "firstMs", "ms"), figure: "ms", goal: "figures" },
  ];
}

/** GET /apps latency on a platform process, alone vs beside 300 clients trickling, stalling or sending oversized bodies. */
async function loadRows(): Promise<Row[]> {
  const run = await runCase("platform-load");
  // Peak memory here is the platform process's, after each phase, not the load generator's.
  const phase = (name: "idle" | "load"): CaseResult => ({ ...run, peakRssMb: Number(run.figures[`${name}PeakMb`]), figures: { ...run.figures, p50Ms: run.figures[`${name}P50Ms`], p99Ms: run.figures[`${name}P99Ms`], requests: run.figures[`${name}Requests`] } });
  const [loaded, idle] = [phase("load"), phase("idle")];
  return [
    { comparison: "GET /apps p99 beside 300 hostile clients vs alone", subject: loaded, baseline: idle, figure: "p99Ms", goal: "ratio ≤ 5" },
    // Not goals: the middle of the same runs, and how many requests each phase made.
    { comparison: "  why: GET /apps p50 beside them vs alone", subject: loaded, baseline: idle, figure: "p50Ms", goal: "figures" },
    { comparison: "  why: GET /apps answered one at a time in 8 s beside them vs alone", subject: loaded, baseline: idle, figure: "requests", unit: "req", goal: "figures" },
  ];
}

const STARTS = 100;

/** The provider started as Terraform starts it, STARTS times, interleaved with bare node and (its mirror given) the real provider. */
async function providerStartRows(): Promise<Row[]> {
  const run = await runCase("provider-start", [String(STARTS)]);
  const f = run.figures;
  // Peak memory here is the provider process's once it answered, not the case runner's.
  const side = (prefix: string, peak?: string): CaseResult => ({ ...run, peakRssMb: peak ? Number(f[peak]) : NaN, figures: { medianMs: f[`${prefix}MedianMs`], p90Ms: f[`${prefix}P90Ms`] } });
  const withReference = "referenceHandshakeMedianMs" in f;
  const [handshake, firstCall] = [side("localHandshake", "localPeakMb"), side("localFirstCall", "localPeakMb")];
  const [realHandshake, realFirstCall] = withReference ? [side("referenceHandshake", "referencePeakMb"), side("referenceFirstCall", "referencePeakMb")] : [];
  const node = side("node");
  const cold: CaseResult = { ...run, peakRssMb: NaN, figures: { medianMs: f.coldHandshakeMs } };
  return [
    { comparison: `provider start to handshake line, median of ${STARTS}: local vs real heroku/heroku 5.3.2`, subject: handshake, baseline: realHandshake, figure: "medianMs", goal: "≤ 60 ms" },
    { comparison: "  why: the same, 90th percentile", subject: handshake, baseline: realHandshake, figure: "p90Ms", goal: "figures" },
    { comparison: "provider start to handshake line vs bare `node -e ''` to its exit (the floor), median", subject: handshake, baseline: node, figure: "medianMs", goal: "figures" },
    { comparison: "  why: the same, 90th percentile", subject: handshake, baseline: node, figure: "p90Ms", goal: "figures" },
    // Not goals: what Terraform waits for before its first answer; gRPC, the schema and the resources load after the line.
    { comparison: "  why: start to first RPC answered (the schema, over mTLS): local vs real, median", subject: firstCall, baseline: realFirstCall, figure: "medianMs", goal: "figures" },
    { comparison: "  why: the same, 90th percentile", subject: firstCall, baseline: realFirstCall, figure: "p90Ms", goal: "figures" },
    { comparison: "  why: handshake, first start after install (no cached certificate) vs the median start", subject: cold, baseline: handshake, figure: "medianMs", goal: "figures" },
  ];
}

/** A review of a change to every environment, trees to comment: 500 environments vs 100 (median of 3, alternating), and the comment's size. */
async function reviewRows(): Promise<Row[]> {
  const [large, small]: CaseResult[][] = [[], []];
  for (let i = 0; i < 3; i++) {
    large.push(await runCase("review", ["500"]));
    small.push(await runCase("review", ["100"]));
  }
  const [subject, baseline] = [median(large, "reviewMs"), median(small, "reviewMs")];
  return [
    { comparison: "review of a 500-environment change vs 100: trees to PR comment (median of 3)", subject, baseline, figure: "reviewMs", goal: "ratio ≤ 6 (linear: 5)" },
    // Not goals: where the time goes, and what the comment keeps of the whole review.
    { comparison: "  why: tree diff, risks, policy, cost (500 vs 100)", subject, baseline, figure: "modelMs", goal: "figures" },
    { comparison: "  why: Markdown and diagram, whole and fitted (500 vs 100)", subject, baseline, figure: "renderMs", goal: "figures" },
    { comparison: "  why: the 500-environment comment vs its whole review (the artifact)", subject: as(subject, "commentChars", "chars"), baseline: as(subject, "fullChars", "chars"), figure: "chars", unit: "chars", goal: "comment ≤ 65536" },
  ];
}

/** Config var writes on a 50-app estate's data file: 10 in flight vs one after the other, wall and the platform's CPU per write. */
async function platformWritesRows(): Promise<Row[]> {
  const run = await runCase("platform-writes", ["200"]);
  // Peak memory here would be the client's: the platform runs in a process of its own.
  const side = (prefix: string): CaseResult => ({ ...run, peakRssMb: NaN, figures: { msPerWrite: run.figures[`${prefix}MsPerWrite`], cpuMsPerWrite: run.figures[`${prefix}CpuMsPerWrite`] } });
  const [concurrent, sequential] = [side("concurrent"), side("sequential")];
  return [
    { comparison: `platform writes on a 50-app data file (${run.figures.dataKb} KB): 10 in flight vs one at a time, per write`, subject: concurrent, baseline: sequential, figure: "msPerWrite", goal: "figures (< 1: writes in flight share a write)" },
    { comparison: "  why: the platform's CPU per write, 10 in flight vs one at a time", subject: concurrent, baseline: sequential, figure: "cpuMsPerWrite", goal: "figures" },
  ];
}

/** A data add-on from create to provisioned on real servers vs kept as a record (median over 10 of each). */
async function addonProvisioningRows(): Promise<Row[]> {
  const [real, records] = [await runCase("addon-provisioning", ["real", "10"]), await runCase("addon-provisioning", ["records", "10"])];
  const side = (from: CaseResult, figure: string): CaseResult => ({ ...from, figures: { ms: from.figures[figure] } });
  return [
    { comparison: "Heroku Postgres add-on, create to provisioned: real database vs record (median of 9)", subject: side(real, "postgresMs"), baseline: side(records, "postgresMs"), figure: "ms", goal: "figures" },
    { comparison: "  why: the first one, which also starts the server (initdb) vs record", subject: side(real, "firstPostgresMs"), baseline: side(records, "firstPostgresMs"), figure: "ms", goal: "figures" },
    { comparison: "Heroku Redis add-on, create to provisioned: its own redis-server vs record (median of 10)", subject: side(real, "redisMs"), baseline: side(records, "redisMs"), figure: "ms", goal: "figures" },
  ];
}

const UNAVAILABLE = "reference provider not available (set DYNOFORM_REFERENCE_PROVIDER_MIRROR)";

function mb(value: number): string {
  return Number.isNaN(value) ? "n/a" : String(value);
}

function ratio(a: number, b: number): string {
  return b > 0 ? (a / b).toFixed(2) : "n/a";
}

const GROUPS: Record<string, () => Promise<Row[]>> = {
  synth: synthRows,
  throughput: throughputRows,
  "npm-start": npmStartRows,
  "plan-edit": planEditRows,
  apply: applyRows,
  team: teamRows,
  load: loadRows,
  "provider-start": providerStartRows,
  review: reviewRows,
  "platform-writes": platformWritesRows,
  "addon-provisioning": addonProvisioningRows,
};

const RESULTS = join(__dirname, "results.json");

/** Runs the named groups (all when none is named), keeping the other groups' rows from results.json in order. */
async function takeRows(named: string[], machine: string): Promise<TakenRow[]> {
  const unknown = named.filter((g) => !(g in GROUPS));
  if (unknown.length > 0) throw new Error(`no bench group "${unknown[0]}": the groups are ${Object.keys(GROUPS).join(", ")}`);
  const kept = named.length > 0 && existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as { rows: TakenRow[] }).rows : [];
  const rows: TakenRow[] = [];
  for (const [group, take] of Object.entries(GROUPS)) {
    if (named.length > 0 && !named.includes(group)) {
      rows.push(...kept.filter((r) => r.group === group));
      continue;
    }
    const takenAt = new Date().toISOString();
    rows.push(...(await take()).map((row) => ({ ...row, group, takenAt, machine })));
  }
  return rows;
}

async function main(): Promise<void> {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  const started = new Date().toISOString();
  const rows = await takeRows(process.argv.slice(2), machine);
  console.log(`machine: ${machine}\n`);
  console.log("| comparison | subject | baseline | ratio | peak MiB (subject / baseline) | goal |");
  console.log("|---|---|---|---|---|---|");
  for (const taken of rows) {
    // A row kept from an earlier run says so, with its date.
    const row = taken.takenAt < started ? { ...taken, comparison: `${taken.comparison} (kept from ${taken.takenAt.slice(0, 10)})` } : taken;
    const unit = row.unit ?? "ms";
    const s = Number(row.subject.figures[row.figure]);
    if (!row.baseline) {
      console.log(`| ${row.comparison} | ${s} ${unit} | ${row.alone ? "—" : UNAVAILABLE} | n/a | ${mb(row.subject.peakRssMb)} / n/a | ${row.goal} |`);
      continue;
    }
    const b = Number(row.baseline.figures[row.figure]);
    console.log(`| ${row.comparison} | ${s} ${unit} | ${b} ${unit} | ${ratio(s, b)} | ${mb(row.subject.peakRssMb)} / ${mb(row.baseline.peakRssMb)} | ${row.goal} |`);
  }
  writeFileSync(RESULTS, JSON.stringify({ rows }, null, 2) + "\n");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
