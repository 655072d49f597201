/**
 * The estate audit (`auditCredentials` over parsed 6.24.1 responses): throughput, memory, and `--jobs`.
 *
 *   tsx --expose-gc bench/audit.bench.ts [--responses N]        (default N = 100,000)
 *
 * 1. Throughput, one core: a pool of POOL distinct devices' responses (scripts/estate.ts `generateResponses`) is
 *    generated up front as Buffers, with the matching context, so generation is never timed. Then, timed, N
 *    responses cycling through the pool through (a) a bare saxes tree build (UTF-8 decode + the same minimal
 *    namespace-resolved tree as baseline (b) of bench/validate.bench.ts) and (b) `auditCredentials`, sync API, over
 *    a generator of `{ source, xml }` inputs. ROUNDS rounds, alternating which goes first; medians reported. Saxes
 *    tokenising alone (no handlers: no text collected, no tree) is timed too, for scale only. The
 *    audit's answers are checked against `generatedDevice` first, and every timed report is checked too, so a
 *    broken audit cannot be measured. A response repeating a device's OriginatorCounter is read in full but not
 *    re-judged (the audit keeps the first of equal counters), so after the first pass through the pool the loop
 *    measures reading; a single pass over the pool (every response judged) is reported beside it.
 * 2. Memory (needs --expose-gc; skipped without it): heapUsed after a full GC before the audit, after N and after 2N
 *    responses of the same pool (measured from inside the input generator, so the audit's state is live): it must
 *    stay flat, one record per device. Then N distinct devices streamed from `generateResponses(N)` (never
 *    materialised): heap after, per device (this grows with the estate by design).
 * 3. Worker threads: N/5 response files and a context.json in a temporary directory, audited by the built CLI
 *    (`dist/cli.js audit --format json --jobs J`) for J = 1, 2, 4; wall time includes process start; 2 runs each,
 *    the faster kept; the JSON reports must be byte-identical.
 *
 * It measures the built package (`dist/`, what users import): `npm run bench` builds first. Numbers vary by
 * machine; the ratio to the bare saxes parse is what to compare.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bareSaxesTree, countBare, saxesTokenise } from './bare-saxes.js';
import { auditCredentials, type AuditInput, type AuditReport, type ValidationContext } from '../dist/index.js';
import { generatedDevice, generateEstateContext, generateResponses } from '../scripts/estate.js';
import { warnIfDistStale } from './report.js';

const { values } = parseArgs({ options: { responses: { type: 'string', default: '100000' } } });
const N = Number(values.responses);
if (!Number.isSafeInteger(N) || N < 10) throw new Error(`--responses must be an integer >= 10 (got ${values.responses})`);
warnIfDistStale();

const POOL = Math.min(10_000, N);
const ROUNDS = 3;
const SEED = 1;
const FILES = Math.max(1, Math.floor(N / 5));
const JOBS = [1, 2, 4];
const CLI_RUNS = 2;
const TARGET_RATIO = 1.5;
const TARGET_RPS = 20_000;
const gc = (globalThis as { gc?: () => void }).gc;
const MiB = 1024 * 1024;
const mib = (bytes: number): string => (bytes / MiB).toFixed(2);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
/** Other processes compete for the cores: say how many are busy. */
const load = (): string => `load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`;

// ---- the pool ---------------------------------------------------------------------------------------------------

console.log(`node ${process.version}, measuring dist/index.js; N = ${fmt(N)} responses, pool of ${fmt(POOL)} distinct devices (seed ${SEED}); ${load()}\n`);

const pool: { readonly source: string; readonly xml: Buffer }[] = [];
for (const { name, xml } of generateResponses(POOL, SEED)) pool.push({ source: name, xml: Buffer.from(xml, 'utf8') });
const poolContext = generateEstateContext(POOL, SEED) as unknown as ValidationContext;
const poolBytes = pool.reduce((n, p) => n + p.xml.byteLength, 0);
const poolWrong = Array.from({ length: POOL }, (_, i) => generatedDevice(i, SEED)).filter((d) => d.wrong).length;
const elements = countBare(bareSaxesTree(pool[0]!.xml.toString('utf8')));

function* cycle(count: number): Generator<AuditInput> {
  for (let i = 0; i < count; i++) yield pool[i % POOL]!;
}

/** The audit's answer for the pool, device by device, against what the generator wrote. */
function checkPoolReport(report: AuditReport, responses: number, label: string): void {
  const fail = (message: string): never => {
    throw new Error(`${label}: ${message}: the audit is broken, not benchmarked`);
  };
  const { summary } = report;
  if (summary.responses !== responses) fail(`${summary.responses} responses counted, ${responses} given`);
  if (summary.problems !== 0) fail(`${summary.problems} problems, e.g. ${JSON.stringify(report.problems[0])}`);
  if (report.devices.length !== POOL) fail(`${report.devices.length} devices, expected ${POOL}`);
  if (summary.byStatus['wrong-network-operator'] !== poolWrong) fail(`${summary.byStatus['wrong-network-operator']} wrong devices, expected ${poolWrong}`);
  if (summary.byStatus.correct !== POOL - poolWrong) fail(`${summary.byStatus.correct} correct devices, expected ${POOL - poolWrong}`);
}

function checkPoolDevices(report: AuditReport): void {
  for (let i = 0; i < POOL; i++) {
    const want = generatedDevice(i, SEED);
    const got = report.devices[i]!;
    const status = want.wrong ? 'wrong-network-operator' : 'correct';
    if (got.deviceId !== want.deviceId || got.status !== status || got.holder.DigitalSigning !== want.holder || got.holder.KeyAgreement !== want.holder) {
      throw new Error(`device ${i}: audit says ${JSON.stringify({ id: got.deviceId, status: got.status, holder: got.holder })}, generated ${JSON.stringify(want)}`);
    }
    if (got.mpan !== want.mpan || got.expected.length !== 1 || got.expected[0] !== want.expectedParty) {
      throw new Error(`device ${i}: expected ${JSON.stringify(got.expected)} for MPAN ${got.mpan}, generated ${want.expectedParty} for ${want.mpan}`);
    }
  }
}

// Correctness first (and warm-up): one pass over the pool, every device judged once and compared.
{
  const report = auditCredentials(cycle(POOL), poolContext);
  checkPoolReport(report, POOL, 'pool check');
  checkPoolDevices(report);
  for (const p of pool) if (countBare(bareSaxesTree(p.xml.toString('utf8'))) !== elements) throw new Error(`${p.source}: unexpected element count`);
  console.log(
    `pool: ${fmt(POOL)} responses, ${(poolBytes / POOL).toFixed(0)} bytes and ${elements} elements each; ` +
      `audit checked against generatedDevice: ${fmt(POOL - poolWrong)} correct, ${fmt(poolWrong)} wrong NO (all devices match)\n`,
  );
}

// ---- 1. throughput ----------------------------------------------------------------------------------------------

let sink = 0;

function timeSaxes(count: number): number {
  const start = process.hrtime.bigint();
  let children = 0;
  for (let i = 0; i < count; i++) children += bareSaxesTree(pool[i % POOL]!.xml.toString('utf8')).children.length;
  const elapsed = seconds(start);
  sink += children;
  return count / elapsed;
}

function timeTokenise(count: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) saxesTokenise(pool[i % POOL]!.xml.toString('utf8'));
  return count / seconds(start);
}

function timeAudit(count: number): number {
  const start = process.hrtime.bigint();
  const report = auditCredentials(cycle(count), poolContext);
  const elapsed = seconds(start);
  checkPoolReport(report, count, 'timed audit');
  sink += report.devices.length;
  return count / elapsed;
}

console.log(`1. throughput, one core: ${ROUNDS} rounds of N = ${fmt(N)} responses cycling through the pool, order alternating`);
timeSaxes(Math.min(N, 20_000)); // warm-up (the audit warmed up in the check above)
timeAudit(Math.min(N, 20_000));
timeTokenise(Math.min(N, 20_000));
const rounds: { saxes: number; audit: number; tokenise: number; first: string }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const saxesFirst = round % 2 === 0;
  let saxes: number;
  let audit: number;
  if (saxesFirst) {
    saxes = timeSaxes(N);
    audit = timeAudit(N);
  } else {
    audit = timeAudit(N);
    saxes = timeSaxes(N);
  }
  // Not part of the ratio: how fast saxes itself goes through the same documents, for scale.
  const tokenise = timeTokenise(N);
  rounds.push({ saxes, audit, tokenise, first: saxesFirst ? 'saxes' : 'audit' });
}
// A single pass over the pool: every response judged, none a repeat.
const singlePass = median(Array.from({ length: ROUNDS }, () => timeAudit(POOL)));
console.table(
  rounds.map((r, i) => ({
    round: i + 1,
    'first timed': r.first,
    'bare saxes (responses/s)': fmt(r.saxes),
    'auditCredentials (responses/s)': fmt(r.audit),
    'audit / saxes (time)': (r.saxes / r.audit).toFixed(2),
    'saxes tokenising only (responses/s)': fmt(r.tokenise),
  })),
);
const saxesRps = median(rounds.map((r) => r.saxes));
const auditRps = median(rounds.map((r) => r.audit));
const ratio = median(rounds.map((r) => r.saxes / r.audit));
const tokeniseRps = median(rounds.map((r) => r.tokenise));
const ratioOk = ratio <= TARGET_RATIO;
const rpsOk = auditRps >= TARGET_RPS;
console.log(`  median bare saxes tree build: ${fmt(saxesRps)} responses/s (${((saxesRps * poolBytes) / POOL / MiB).toFixed(1)} MiB/s)`);
console.log(`  median auditCredentials:      ${fmt(auditRps)} responses/s (${((auditRps * poolBytes) / POOL / MiB).toFixed(1)} MiB/s)`);
console.log(`  median saxes tokenising only (no handlers: no text, no tree; for scale): ${fmt(tokeniseRps)} responses/s (${((tokeniseRps * poolBytes) / POOL / MiB).toFixed(1)} MiB/s)`);
console.log(`  auditCredentials, one pass over the pool (every response judged): ${fmt(singlePass)} responses/s (median of ${ROUNDS})`);
console.log(`  audit / bare saxes parse (time, median of rounds) = ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}: ${ratioOk ? 'met' : 'MISSED'})`);
console.log(`  audit throughput = ${fmt(auditRps)} responses/s (target >= ${fmt(TARGET_RPS)} on one core: ${rpsOk ? 'met' : 'MISSED'})\n`);

// ---- 2. memory --------------------------------------------------------------------------------------------------

interface Memory {
  readonly before: number;
  readonly afterN: number;
  readonly after2N: number;
  readonly flat: boolean;
  readonly distinct: { readonly before: number; readonly resolved: number; readonly after: number; readonly report: number };
}
let memory: Memory | undefined;

/** heapUsed after a full collection (twice: the first may leave finalisable garbage for the second). */
function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

if (!gc) {
  console.log('2. memory: SKIPPED: run with --expose-gc (npx tsx --expose-gc bench/audit.bench.ts) to measure the heap\n');
} else {
  console.log(`2. memory (heapUsed after a full GC; measured from inside the input generator, the audit's state live)`);
  const checkpoints = new Map<number, number>();
  function* measured(count: number): Generator<AuditInput> {
    for (let i = 0; i < count; i++) {
      if (i === N) checkpoints.set(N, heap());
      yield pool[i % POOL]!;
    }
    checkpoints.set(count, heap());
  }
  const before = heap();
  const report = auditCredentials(measured(2 * N), poolContext);
  checkPoolReport(report, 2 * N, 'memory audit');
  const afterN = checkpoints.get(N)!;
  const after2N = checkpoints.get(2 * N)!;
  // Flat: N more responses of the same devices add (next to) nothing; 1 MiB or 2% of the heap allows for GC noise.
  const growth = after2N - afterN;
  const flat = growth <= Math.max(MiB, 0.02 * afterN);
  console.log(`  before the audit (pool and context held): ${mib(before)} MiB`);
  console.log(`  after N  = ${fmt(N)} responses (${fmt(POOL)} devices):  ${mib(afterN)} MiB (+${mib(afterN - before)} MiB: the per-device records and the resolved context)`);
  console.log(`  after 2N = ${fmt(2 * N)} responses (${fmt(POOL)} devices): ${mib(after2N)} MiB (${growth >= 0 ? '+' : ''}${mib(growth)} MiB from N to 2N)`);
  console.log(`  heap ${flat ? 'stays flat' : 'GROWS'} with responses for a fixed estate\n`);

  // N distinct devices, streamed from the generator, never held as a whole.
  const distinctContext = generateEstateContext(N, SEED) as unknown as ValidationContext;
  const marks: { resolved?: number; after?: number } = {};
  function* streamed(): Generator<AuditInput> {
    marks.resolved = heap(); // the first pull: auditCredentials has resolved the context, read no response
    for (const { name, xml } of generateResponses(N, SEED)) yield { source: name, xml };
    marks.after = heap();
  }
  const distinctBefore = heap();
  const distinctReport = auditCredentials(streamed(), distinctContext);
  if (distinctReport.devices.length !== N || distinctReport.summary.problems !== 0) throw new Error(`distinct audit: ${distinctReport.devices.length} devices, ${distinctReport.summary.problems} problems`);
  const distinctWrong = Array.from({ length: N }, (_, i) => generatedDevice(i, SEED)).filter((d) => d.wrong).length;
  if (distinctReport.summary.byStatus['wrong-network-operator'] !== distinctWrong) throw new Error(`distinct audit: ${distinctReport.summary.byStatus['wrong-network-operator']} wrong, expected ${distinctWrong}`);
  const withReport = heap();
  memory = {
    before,
    afterN,
    after2N,
    flat,
    distinct: { before: distinctBefore, resolved: marks.resolved!, after: marks.after!, report: withReport },
  };
  const perDevice = (bytes: number): string => `${fmt(bytes / N)} bytes/device`;
  console.log(`  N = ${fmt(N)} distinct devices streamed from generateResponses(N) (${fmt(distinctWrong)} wrong, checked; a response is ${fmt(poolBytes / POOL)} bytes):`);
  console.log(`    before (context object of N devices held):      ${mib(distinctBefore)} MiB`);
  console.log(`    audit started, context resolved:                ${mib(marks.resolved!)} MiB (+${mib(marks.resolved! - distinctBefore)} MiB, ${perDevice(marks.resolved! - distinctBefore)})`);
  console.log(`    after N distinct responses (one record each):   ${mib(marks.after!)} MiB (+${mib(marks.after! - marks.resolved!)} MiB, ${perDevice(marks.after! - marks.resolved!)})`);
  console.log(`    report returned and held (devices + summary):   ${mib(withReport)} MiB (+${mib(withReport - distinctBefore)} MiB over before, ${perDevice(withReport - distinctBefore)})`);
  console.log(`  (grows with the estate by design: the latest response per device must be kept to let it win)\n`);
  sink += distinctReport.devices.length;
}

// ---- 3. worker threads ------------------------------------------------------------------------------------------

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.js');

function run(args: readonly string[]): Promise<{ code: number | null; stderr: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr, seconds: seconds(start) }));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'duis-audit-bench-'));
const best = new Map<number, number>();
let outputs: Map<number, string>;
try {
  console.log(`3. worker threads: ${fmt(FILES)} response files audited by the built CLI (wall time, process start included; best of ${CLI_RUNS})`);
  const dir = join(tmp, 'responses');
  mkdirSync(dir);
  const writeStart = process.hrtime.bigint();
  for (const { name, xml } of generateResponses(FILES, SEED)) writeFileSync(join(dir, name), xml);
  const contextFile = join(tmp, 'context.json');
  writeFileSync(contextFile, JSON.stringify(generateEstateContext(FILES, SEED)));
  console.log(`  wrote ${fmt(FILES)} files and context.json to ${tmp} in ${seconds(writeStart).toFixed(1)} s; ${load()}`);
  const wrong = Array.from({ length: FILES }, (_, i) => generatedDevice(i, SEED)).filter((d) => d.wrong).length;

  outputs = new Map<number, string>();
  for (let attempt = 0; attempt < CLI_RUNS; attempt++) {
    for (const jobs of JOBS) {
      const out = join(tmp, `out-${jobs}.json`);
      const result = await run(['audit', '--context', contextFile, '--format', 'json', '--output', out, '--jobs', String(jobs), dir]);
      // Exit 1: some device carries a wrong Network Operator's certificate, as about 10% here do.
      if (result.code !== (wrong > 0 ? 1 : 0)) throw new Error(`--jobs ${jobs}: exit ${result.code}\n${result.stderr}`);
      const summary = result.stderr.split('\n')[0]!;
      if (!summary.startsWith(`${FILES} device${FILES === 1 ? '' : 's'} from ${FILES} response`) || !summary.includes(`${wrong} wrong Network Operator`)) {
        throw new Error(`--jobs ${jobs}: unexpected summary ${JSON.stringify(summary)}`);
      }
      const text = readFileSync(out, 'utf8');
      const previous = outputs.get(jobs);
      if (previous !== undefined && previous !== text) throw new Error(`--jobs ${jobs}: two runs wrote different reports`);
      outputs.set(jobs, text);
      best.set(jobs, Math.min(best.get(jobs) ?? Infinity, result.seconds));
      console.log(`  run ${attempt + 1}, --jobs ${jobs}: ${result.seconds.toFixed(2)} s`);
    }
  }
  const reference = outputs.get(1)!;
  const lines = reference.trimEnd().split('\n');
  if (lines.length !== FILES) throw new Error(`--jobs 1 report has ${lines.length} devices, expected ${FILES}`);
  for (let i = 0; i < FILES; i++) {
    const record = JSON.parse(lines[i]!) as { deviceId: string; status: string };
    const want = generatedDevice(i, SEED);
    if (record.deviceId !== want.deviceId || record.status !== (want.wrong ? 'wrong-network-operator' : 'correct')) {
      throw new Error(`--jobs 1 report, line ${i + 1}: ${record.deviceId} ${record.status}, generated ${want.deviceId} wrong=${want.wrong}`);
    }
  }
  for (const jobs of JOBS) {
    if (outputs.get(jobs) !== reference) throw new Error(`--jobs ${jobs} wrote a different report from --jobs 1`);
  }
  console.table(
    JOBS.map((jobs) => ({
      jobs,
      'best wall time (s)': best.get(jobs)!.toFixed(2),
      'responses/s': fmt(FILES / best.get(jobs)!),
      'speed-up vs --jobs 1': (best.get(1)! / best.get(jobs)!).toFixed(2),
    })),
  );
  console.log(`  ${load()} after the runs (a busy neighbour takes a core from --jobs 2)`);
  console.log(`  reports of --jobs ${JOBS.join(', ')}: byte-identical (${fmt(FILES)} devices in the same order, checked against generatedDevice)\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---- headline ---------------------------------------------------------------------------------------------------

const speedup = best.get(1)! / best.get(2)!;
console.log('headline (medians):');
console.log(`  auditCredentials: ${fmt(auditRps)} responses/s on one core (target >= ${fmt(TARGET_RPS)}: ${rpsOk ? 'met' : 'MISSED'})`);
console.log(`  = ${ratio.toFixed(2)}x the time of a bare saxes parse (${fmt(saxesRps)} responses/s; target <= ${TARGET_RATIO}: ${ratioOk ? 'met' : 'MISSED'})`);
console.log(`  (saxes tokenising alone, no tree: ${fmt(tokeniseRps)} responses/s; ${fmt(TARGET_RPS)} responses/s would be ${(TARGET_RPS / tokeniseRps).toFixed(1)}x that)`);
if (memory) {
  console.log(
    `  heap ${memory.flat ? 'flat' : 'NOT flat'} for a fixed estate of ${fmt(POOL)} devices: ${mib(memory.before)} MiB before, ` +
      `${mib(memory.afterN)} MiB after ${fmt(N)}, ${mib(memory.after2N)} MiB after ${fmt(2 * N)} responses; ` +
      `${fmt((memory.distinct.after - memory.distinct.resolved) / N)} bytes/device for ${fmt(N)} distinct devices (responses of ${fmt(poolBytes / POOL)} bytes)`,
  );
} else {
  console.log('  heap: not measured (run with --expose-gc)');
}
console.log(`  --jobs 2: ${speedup.toFixed(2)}x the speed of --jobs 1 (${fmt(FILES)} files, wall time with process start)`);
if (sink === -1) console.log(''); // keeps the timed results observable
